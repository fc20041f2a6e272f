package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import org.radflow.orchestration.ServiceStatus;
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
    @Schema(description = "steps of this service by status") Map<StepStatus, Long> steps) {

  static ServiceView of(ServiceStatus status, Map<StepStatus, Long> steps) {
    return new ServiceView(
        status.service().slug(),
        status.service().description(),
        status.state(),
        status.reason(),
        status.changedAt(),
        status.releaseMode(),
        status.releasePerSecond(),
        steps);
  }
}
