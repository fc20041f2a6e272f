package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import org.radflow.ingest.ImagingEvent;
import org.radflow.study.BusinessKey;
import org.radflow.study.PatientRef;

/** An imaging event as sent over HTTP: references only. */
public record ImagingEventRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ImagingEvent.Type type,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String assigningAuthority,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String accessionNumber,
    @Schema(description = "required when the study is new to radflow") PatientJson patient,
    @Schema(example = "1.2.826.0.1.3680043.8.498.1", requiredMode = Schema.RequiredMode.REQUIRED)
        String studyInstanceUid,
    String importJobId,
    @Schema(example = "dicomweb://pacs/studies/1.2.3/manifest") URI manifestUri,
    @Schema(example = "sha256:9f2c…") String contentHash,
    @Schema(description = "when it happened; now when absent") Instant happenedAt,
    @Schema(description = "backfill after downtime: a new study joins as DOWNTIME_RECOVERY")
        Boolean downtime,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) SourceJson source) {

  public ImagingEventRequest {
    Fields.name(assigningAuthority, "assigningAuthority", Fields.IDENTIFIER);
    Fields.name(accessionNumber, "accessionNumber", Fields.IDENTIFIER);
    PatientJson.check(patient, "patient");
    Fields.name(studyInstanceUid, "studyInstanceUid", Fields.IDENTIFIER);
    Fields.name(importJobId, "importJobId", Fields.IDENTIFIER);
    Fields.uri(manifestUri, "manifestUri");
    Fields.name(contentHash, "contentHash", Fields.MESSAGE_REF);
    Fields.time(happenedAt, "happenedAt");
    SourceJson.check(source);
  }

  ImagingEvent toEvent(String actor) {
    if (type == null) {
      throw new ApiProblem(
              ProblemType.INVALID_FIELD,
              "type is required: one of " + java.util.Arrays.toString(ImagingEvent.Type.values()))
          .with("field", "type");
    }
    if (source == null || source.system() == null || source.system().isBlank()) {
      throw new ApiProblem(ProblemType.INVALID_FIELD, "source.system is required")
          .with("field", "source.system");
    }
    BusinessKey key = Checked.valid(() -> new BusinessKey(assigningAuthority, accessionNumber));
    PatientRef patientRef = PatientJson.toModel(patient, "patient");
    return Checked.valid(
        () ->
            new ImagingEvent(
                type,
                key,
                patientRef,
                studyInstanceUid,
                importJobId,
                manifestUri,
                contentHash,
                happenedAt,
                Boolean.TRUE.equals(downtime),
                source.system(),
                actor));
  }
}
