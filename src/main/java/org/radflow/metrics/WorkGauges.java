package org.radflow.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The gauges of {@link WorkFigures}, served from the last snapshot a refresh read: {@code
 * radflow.exception.lane.studies}, {@code radflow.studies.report.overdue} and {@code
 * radflow.dead.letters.open}. A failed refresh keeps the last snapshot, and {@code
 * radflow.work.figures.age.seconds} shows how old it is, so a stale figure is visible rather than
 * silently trusted.
 */
public final class WorkGauges {

  private final WorkFigureReads reads;
  private final AtomicReference<WorkFigures> last = new AtomicReference<>(WorkFigures.NONE);

  public WorkGauges(WorkFigureReads reads, MeterRegistry meters, Clock clock) {
    this.reads = reads;
    gauge(
        meters,
        "radflow.exception.lane.studies",
        "studies in the exception lane",
        WorkFigures::exceptionLane);
    gauge(
        meters,
        "radflow.studies.report.overdue",
        "studies whose final report is past its turnaround target",
        WorkFigures::reportsOverdue);
    gauge(
        meters,
        "radflow.dead.letters.open",
        "dead letters waiting to be reprocessed or discarded",
        WorkFigures::openDeadLetters);
    Gauge.builder(
            "radflow.work.figures.age.seconds",
            () -> Math.max(0, clock.millis() - last.get().readAt().toEpochMilli()) / 1000.0)
        .description("how old the work figures above are; large while the database is away")
        .register(meters);
  }

  /** Reads the figures again; on a fault the last snapshot stays and the fault goes on. */
  public void refresh(Instant now) {
    last.set(reads.read(now));
  }

  private void gauge(
      MeterRegistry meters, String name, String description, ToDoubleFunction<WorkFigures> value) {
    Gauge.builder(name, () -> value.applyAsDouble(last.get()))
        .description(description)
        .register(meters);
  }
}
