package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.study.BusinessKey;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.StudyId;

/** Body of {@code POST /api/v1/studies}: a scheduled order, or a late join. */
public record OpenStudyRequest(
    @Schema(example = "RIS-EAST", requiredMode = Schema.RequiredMode.REQUIRED)
        String assigningAuthority,
    @Schema(example = "ACC-123", requiredMode = Schema.RequiredMode.REQUIRED)
        String accessionNumber,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) PatientJson patient,
    @Schema(description = "how the study joins; SCHEDULED when absent") EntryKind entryKind,
    @Schema(
            description =
                "for a late join, the imaging state the study had already reached; NOT_STARTED"
                    + " when absent")
        ImagingState joinedAt,
    @Schema(
            description =
                "when it happened (ISO-8601); now when absent. Send it: the business key's"
                    + " content includes it, so a re-send without it is a conflict, not a re-send")
        Instant businessTime,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) SourceJson source,
    @Schema(description = "small string attributes; counted against the inline limit")
        Map<String, String> attributes,
    List<ReferenceJson> references) {

  public OpenStudyRequest {
    Fields.name(assigningAuthority, "assigningAuthority", Fields.IDENTIFIER);
    Fields.name(accessionNumber, "accessionNumber", Fields.IDENTIFIER);
    PatientJson.check(patient, "patient");
    Fields.time(businessTime, "businessTime");
    SourceJson.check(source);
    Fields.map(attributes, "attributes");
    ReferenceJson.check(references);
  }

  /**
   * The draft for the lifecycle. Every field is checked here by the model's own constructors, so a
   * bad request is a 400 before anything reaches the store. The actor is the authenticated caller.
   */
  StudyDraft toDraft(Instant now, String actor) {
    BusinessKey key = Checked.valid(() -> new BusinessKey(assigningAuthority, accessionNumber));
    PatientRef patientRef = PatientJson.toModel(patient, "patient");
    EntryKind kind = entryKind == null ? EntryKind.SCHEDULED : entryKind;
    Source sourceRef = SourceJson.toModel(source);
    Map<String, String> attrs = Checked.stringMap(attributes, "attributes");
    List<Reference> refs = ReferenceJson.toModel(references);
    StudyDraft draft =
        new StudyDraft(
            key, patientRef, kind, joinedAt, businessTime, sourceRef, actor, attrs, refs);
    Checked.valid(() -> draft.toCommand(StudyId.random(), now));
    return draft;
  }
}
