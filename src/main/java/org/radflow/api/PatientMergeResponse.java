package org.radflow.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** What a patient merge did to each study of the retired identity. */
public record PatientMergeResponse(
    PatientJson retired, PatientJson surviving, List<StudyResult> studies) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StudyResult(
      String studyId,
      @Schema(
              allowableValues = {
                "APPLIED",
                "DUPLICATE",
                "REFUSED",
                "CONFLICT",
                "TOO_LARGE",
                "NOT_FOUND",
                "VERSION_MISMATCH"
              })
          String result,
      @Schema(description = "the study's version after the merge") Long version,
      @Schema(description = "REFUSED only: the model's refusal code") String refusal,
      @Schema(description = "why, when it was not applied") String detail) {}
}
