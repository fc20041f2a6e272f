package org.radflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.radflow.db.StoreException;

/**
 * A scrape reads the last snapshot, never the database; a refresh that fails keeps the snapshot and
 * the age gauge shows how stale it has become.
 */
class WorkGaugesTest {

  private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");

  @Test
  void the_gauges_show_the_last_figures_read_and_how_old_they_are() {
    AtomicReference<RuntimeException> fault = new AtomicReference<>();
    WorkFigureReads reads =
        now -> {
          if (fault.get() != null) {
            throw fault.get();
          }
          return new WorkFigures(3, 2, 1, now);
        };
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    WorkGauges gauges =
        new WorkGauges(reads, meters, Clock.fixed(T0.plusSeconds(90), ZoneOffset.UTC));

    assertThat(value(meters, "radflow.exception.lane.studies")).as("before any read").isZero();

    gauges.refresh(T0);
    assertThat(value(meters, "radflow.exception.lane.studies")).isEqualTo(3);
    assertThat(value(meters, "radflow.studies.report.overdue")).isEqualTo(2);
    assertThat(value(meters, "radflow.dead.letters.open")).isEqualTo(1);
    assertThat(value(meters, "radflow.work.figures.age.seconds")).isEqualTo(90);

    fault.set(new StoreException(StoreException.Kind.UNAVAILABLE, "the database is away", null));
    assertThatThrownBy(() -> gauges.refresh(T0.plusSeconds(60))).isSameAs(fault.get());
    assertThat(value(meters, "radflow.exception.lane.studies")).as("kept").isEqualTo(3);
    assertThat(value(meters, "radflow.work.figures.age.seconds")).as("still from T0").isEqualTo(90);
  }

  private static double value(SimpleMeterRegistry meters, String name) {
    return meters.get(name).gauge().value();
  }
}
