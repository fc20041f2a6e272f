package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.radflow.study.PatientRef;
import org.radflow.study.Source;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

/** Body of {@code POST /api/v1/patient-merges}: the retired identity merged into the surviving. */
public record PatientMergeRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) PatientJson retired,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) PatientJson surviving,
    @Schema(description = "when the merge happened (ISO-8601); now when absent")
        Instant businessTime,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) SourceJson source) {

  public PatientMergeRequest {
    PatientJson.check(retired, "retired");
    PatientJson.check(surviving, "surviving");
    Fields.time(businessTime, "businessTime");
    SourceJson.check(source);
  }

  /** The checked values, for {@code StudyLifecycle.mergePatient}. */
  record Merge(PatientRef retired, PatientRef surviving, Source source) {}

  Merge check(Instant now, String actor) {
    PatientRef retiredRef = required(PatientJson.toModel(retired, "retired"), "retired");
    PatientRef survivingRef = required(PatientJson.toModel(surviving, "surviving"), "surviving");
    Source sourceRef = required(SourceJson.toModel(source), "source");
    // The lifecycle turns the merge into one PATIENT_MERGED transition per study; build one here
    // so the model checks actor and business time before the first study is touched.
    Checked.valid(
        () ->
            new Transition(
                TransitionType.PATIENT_MERGED,
                "patient-merge",
                businessTime == null ? now : businessTime,
                now,
                sourceRef,
                actor,
                Map.of(
                    "survivingAuthority", survivingRef.assigningAuthority(),
                    "survivingId", survivingRef.id()),
                List.of()));
    return new Merge(retiredRef, survivingRef, sourceRef);
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw ApiProblem.invalidField(field + " must be present");
    }
    return value;
  }
}
