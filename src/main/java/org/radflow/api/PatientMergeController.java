package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.radflow.lifecycle.MergeResult;
import org.radflow.lifecycle.PatientMerge;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.study.Decision;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Patient merges (ADT^A40 over HTTP): every study of the retired identity is re-parented. */
@RestController
@Tag(name = "patients", description = "Patient identity changes that touch many studies")
class PatientMergeController {

  private final StudyLifecycle lifecycle;

  PatientMergeController(StudyLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Allowed.Integration
  @PostMapping("/api/v1/patient-merges")
  @Operation(
      summary = "Merge a retired patient identity into the surviving one",
      description =
          "Each study of the retired patient moves to the surviving patient in its own"
              + " transaction, so the answer lists a result per study. Sending the same merge"
              + " again is safe: studies already moved are no longer the retired patient's, and"
              + " a merge interrupted half-way completes.")
  @ApiResponse(responseCode = "200", description = "The result for each study")
  @ApiResponse(responseCode = "400", description = "Malformed JSON, missing or invalid field")
  @ApiResponse(responseCode = "422", description = "Retired and surviving are the same patient")
  @ApiResponse(
      responseCode = "503",
      description = "Database unavailable or busy; send the merge again")
  PatientMergeResponse merge(@RequestBody PatientMergeRequest body, Principal caller) {
    PatientMergeRequest.Merge merge = body.check(lifecycle.now(), caller.getName());
    MergeResult outcome =
        lifecycle.mergePatient(
            merge.retired(),
            merge.surviving(),
            body.businessTime(),
            merge.source(),
            caller.getName());
    PatientMerge result =
        outcome.fold(
            MergeResult.Merged::merge,
            refused -> {
              throw Problems.refused(Decision.Refusal.INVALID, refused.reason());
            });
    List<PatientMergeResponse.StudyResult> studies =
        result.studies().stream().map(PatientMergeController::outcome).toList();
    return new PatientMergeResponse(
        PatientJson.of(result.retired()), PatientJson.of(result.surviving()), studies);
  }

  private static PatientMergeResponse.StudyResult outcome(PatientMerge.StudyOutcome outcome) {
    String id = outcome.studyId().toString();
    return outcome
        .result()
        .fold(
            c ->
                new PatientMergeResponse.StudyResult(
                    id, "APPLIED", c.study().version(), null, null),
            d ->
                new PatientMergeResponse.StudyResult(
                    id, "DUPLICATE", d.study().version(), null, "this merge was already applied"),
            conflict ->
                new PatientMergeResponse.StudyResult(
                    id,
                    "CONFLICT",
                    null,
                    null,
                    "merge key '"
                        + conflict.idempotencyKey()
                        + "' was used with different content; recorded"),
            refused ->
                new PatientMergeResponse.StudyResult(
                    id,
                    "REFUSED",
                    refused.study().version(),
                    refused.refusal().name(),
                    refused.message()),
            mismatch ->
                new PatientMergeResponse.StudyResult(
                    id, "VERSION_MISMATCH", mismatch.actual(), null, "the study changed meanwhile"),
            tooLarge ->
                new PatientMergeResponse.StudyResult(
                    id,
                    "TOO_LARGE",
                    null,
                    null,
                    tooLarge.actualBytes() + " bytes above the limit of " + tooLarge.limitBytes()),
            notFound ->
                new PatientMergeResponse.StudyResult(
                    id, "NOT_FOUND", null, null, "the study disappeared during the merge"));
  }
}
