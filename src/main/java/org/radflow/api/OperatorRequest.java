package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Who asks for an operator action, and why; both are audited with the action. */
public record OperatorRequest(
    @Schema(description = "the person (or system) acting", example = "j.smith") String actor,
    @Schema(description = "why, in words the audit trail keeps", example = "archive fixed the IHI")
        String reason,
    @Schema(description = "release only: release a service whose recovery is not verified yet")
        Boolean force) {

  public OperatorRequest {
    Fields.name(actor, "actor", Fields.NAME);
    Fields.text(reason, "reason", Fields.REASON);
  }

  /** The checked actor and reason, or a 400 naming the missing field. */
  OperatorRequest checked() {
    if (actor == null || actor.isBlank() || actor.length() > 128) {
      throw new ApiProblem(
              ProblemType.INVALID_FIELD,
              "actor is required (1 to 128 characters): every operator action is audited with who")
          .with("field", "actor");
    }
    if (reason == null || reason.isBlank()) {
      throw new ApiProblem(
              ProblemType.INVALID_FIELD,
              "reason is required: every operator action is audited with why")
          .with("field", "reason");
    }
    return this;
  }

  boolean forced() {
    return Boolean.TRUE.equals(force);
  }
}
