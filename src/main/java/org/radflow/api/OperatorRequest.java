package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Why an operator acts, audited with the action; who acts is the authenticated caller, never a
 * field of the body.
 */
public record OperatorRequest(
    @Schema(description = "why, in words the audit trail keeps", example = "archive fixed the IHI")
        String reason,
    @Schema(description = "release only: release a service whose recovery is not verified yet")
        Boolean force) {

  public OperatorRequest {
    Fields.text(reason, "reason", Fields.REASON);
  }

  /** The checked reason, or a 400 naming the missing field. */
  OperatorRequest checked() {
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
