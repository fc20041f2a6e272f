package org.radflow.orchestration;

import java.time.Duration;
import java.time.Instant;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepKind;

/**
 * How long one step that succeeded took, from its creation to its completion: waiting to be
 * claimed, retries and waits included, as a study experiences it.
 */
public record StepDuration(StepKind kind, Service service, Instant createdAt, Instant completedAt) {

  public StepDuration {
    if (kind == null || service == null || createdAt == null || completedAt == null) {
      throw new IllegalArgumentException(
          "kind, service, createdAt and completedAt must be present, were "
              + kind
              + ", "
              + service
              + ", "
              + createdAt
              + ", "
              + completedAt);
    }
  }

  public Duration duration() {
    return Duration.between(createdAt, completedAt);
  }
}
