package org.radflow.hl7;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.radflow.orchestration.ClaimedStep;
import org.radflow.orchestration.StepFinish;
import org.radflow.orchestration.StepStore;
import org.radflow.study.TransitionType;
import org.radflow.workflow.Effect;
import org.radflow.workflow.StepKind;

/** The identity service's "no such patient", finished on a step as the engine would finish it. */
final class IdentityRejection {

  private IdentityRejection() {}

  /** Claims the pending identity check and fails it as rejected; returns the step. */
  static ClaimedStep rejectIdentityCheck(StepStore steps) {
    ClaimedStep identity =
        steps.claim("test", 10, Instant.now(), Duration.ofMinutes(1)).stream()
            .filter(s -> s.kind() == StepKind.VALIDATE_IDENTITY)
            .findFirst()
            .orElseThrow();
    steps.finish(
        identity,
        new StepFinish.Fail(
            "REJECTED",
            "no such patient at the identity service",
            List.of(new Effect(TransitionType.IDENTITY_REJECTED, Map.of("reason", "unknown")))),
        Instant.now());
    return identity;
  }
}
