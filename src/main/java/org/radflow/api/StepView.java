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
    @Schema(description = "the lease's fencing token: a finish under an older one is refused")
        long fence,
    @Schema(description = "the worker whose expired lease this step was taken over from")
        String takenOverFrom,
    String lastOutcome,
    String lastError,
    @Schema(description = "what the external system created: slot, entry, document, charge…")
        String externalRef,
    @Schema(description = "for an undo: the step it undoes") String compensates,
    int redrives,
    Instant createdAt,
    Instant completedAt,
    @Schema(
            description =
                "the request a national step retained, encrypted in the blob store: its reference,"
                    + " key id and size, never its content")
        Retained retained,
    @Schema(description = "the study's order is STAT or ASAP: released first after an outage")
        boolean urgent) {

  /** Where a retained request is: never what it says. */
  @Schema(name = "RetainedRequest")
  public record Retained(String blobRef, String keyId, int sizeBytes, Instant purgedAt) {}

  public static StepView of(StepRecord s) {
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
        s.fence(),
        s.takenOverFrom(),
        s.lastOutcome(),
        s.lastError(),
        s.externalRef(),
        s.compensates() == null ? null : s.compensates().toString(),
        s.redrives(),
        s.createdAt(),
        s.completedAt(),
        s.retained() == null
            ? null
            : new Retained(
                "blob://sha256/" + s.retained().blobRef(),
                s.retained().keyId(),
                s.retained().size(),
                s.retained().purgedAt()),
        s.urgent());
  }
}
