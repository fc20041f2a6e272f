package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.radflow.orchestration.ServiceStatus;
import org.radflow.orchestration.ServiceStore;
import org.radflow.orchestration.SuspendedWork;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/** An external service's health and the work waiting on it. */
@Schema(name = "Service")
public record ServiceView(
    String service,
    String description,
    ServiceStatus.State state,
    String reason,
    Instant since,
    ServiceStatus.ReleaseMode releaseMode,
    double releasePerSecond,
    @Schema(description = "steps of this service by status") Map<StepStatus, Long> steps,
    @Schema(description = "the work suspended on it, oldest and urgent first when released")
        Suspended suspended) {

  /**
   * Suspended work: how many steps, the age of the oldest, how many are urgent (STAT or ASAP), and
   * how far the current or last release has drained it.
   */
  @Schema(name = "SuspendedWork")
  public record Suspended(
      long count,
      Instant oldestSince,
      @Schema(description = "seconds since the oldest suspended step was written")
          Long oldestAgeSeconds,
      long urgent,
      @Schema(description = "steps the current or last release started with") Integer releaseTotal,
      @Schema(description = "steps that release has made due so far") long released) {

    static Suspended of(SuspendedWork work, Instant now) {
      return new Suspended(
          work.suspended(),
          work.oldest(),
          work.oldest() == null ? null : Duration.between(work.oldest(), now).toSeconds(),
          work.urgent(),
          work.releaseTotal(),
          work.released());
    }
  }

  /**
   * Every service as a view, with the step counts given ({@link ServiceStore#stepCounts} for the
   * API, {@link ServiceStore#unfinishedStepCounts} for the console) and its suspended work.
   */
  public static List<ServiceView> all(
      ServiceStore store, Map<Service, Map<StepStatus, Long>> counts, Instant now) {
    Map<Service, SuspendedWork> suspended = store.suspendedWork();
    return store.services().stream()
        .map(s -> of(s, counts.get(s.service()), suspended.get(s.service()), now))
        .toList();
  }

  public static ServiceView of(
      ServiceStatus status, Map<StepStatus, Long> steps, SuspendedWork work, Instant now) {
    return new ServiceView(
        status.service().slug(),
        status.service().description(),
        status.state(),
        status.reason(),
        status.changedAt(),
        status.releaseMode(),
        status.releasePerSecond(),
        steps,
        Suspended.of(work == null ? SuspendedWork.NONE : work, now));
  }
}
