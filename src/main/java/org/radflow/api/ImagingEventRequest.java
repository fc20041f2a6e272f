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

  ImagingEvent toEvent(String actor) {
    if (source == null || source.system() == null || source.system().isBlank()) {
      throw new ApiProblem(ProblemType.INVALID_FIELD, "source.system is required")
          .with("field", "source.system");
    }
    try {
      return new ImagingEvent(
          type,
          new BusinessKey(assigningAuthority, accessionNumber),
          patient == null ? null : new PatientRef(patient.assigningAuthority(), patient.id()),
          studyInstanceUid,
          importJobId,
          manifestUri,
          contentHash,
          happenedAt,
          Boolean.TRUE.equals(downtime),
          source.system(),
          actor);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalidField(e.getMessage());
    }
  }
}
