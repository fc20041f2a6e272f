package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.radflow.orchestration.StepRecord;
import org.radflow.workflow.StepKind;
import org.radflow.workflow.StepStatus;

/** One orchestration step of a study, as an operator reads it. */
@Schema(name = "Step")
public record StepView(
    String id,
    StepKind kind,
    @Schema(description = "the external service it calls; absent for a timer") String service,
    StepStatus status,
    String idempotencyKey,
    int attempts,
    int maxAttempts,
    Instant dueAt,
    String leaseOwner,
    Instant leaseUntil,
    @Schema(description = "the worker whose expired lease this step was taken over from")
        String takenOverFrom,
    String lastOutcome,
    String lastError,
    @Schema(description = "what the external system created: slot, entry, document, charge…")
        String externalRef,
    @Schema(description = "for an undo: the step it undoes") String compensates,
    int redrives,
    Instant createdAt,
    Instant completedAt) {

  static StepView of(StepRecord s) {
    return new StepView(
        s.id().toString(),
        s.kind(),
        s.kind().service().map(v -> v.slug()).orElse(null),
        s.status(),
        s.idempotencyKey(),
        s.attempts(),
        s.maxAttempts(),
        s.dueAt(),
        s.leaseOwner(),
        s.leaseUntil(),
        s.takenOverFrom(),
        s.lastOutcome(),
        s.lastError(),
        s.externalRef(),
        s.compensates() == null ? null : s.compensates().toString(),
        s.redrives(),
        s.createdAt(),
        s.completedAt());
  }
}
