package org.radflow.ingest;

import java.net.URI;
import java.time.Instant;
import org.radflow.study.BusinessKey;
import org.radflow.study.PatientRef;

/**
 * What a modality, archive or import gateway reports: references only, never pixel data.
 *
 * @param patient needed only when the study is new to radflow (a late join)
 * @param studyInstanceUid the DICOM Study Instance UID
 * @param importJobId the import gateway's job, for IMPORT_COMPLETED
 * @param manifest where the study's manifest lives, with {@code contentHash}
 * @param happenedAt when it happened; kept as the business time, also in downtime backfill
 * @param downtime backfill after downtime: a new study joins as DOWNTIME_RECOVERY
 */
public record ImagingEvent(
    Type type,
    BusinessKey study,
    PatientRef patient,
    String studyInstanceUid,
    String importJobId,
    URI manifest,
    String contentHash,
    Instant happenedAt,
    boolean downtime,
    String sourceSystem,
    String actor) {

  public enum Type {
    /** The modality began acquiring (MPPS in progress). */
    ACQUISITION_STARTED,
    /** The modality finished (MPPS completed). */
    ACQUISITION_COMPLETED,
    /** The archive confirmed storage commitment of the study's images. */
    STORAGE_COMMITTED,
    /** An outside study's import job finished: its images are in the archive. */
    IMPORT_COMPLETED
  }

  public ImagingEvent {
    if (type == null || study == null) {
      throw new IllegalArgumentException("type and the study's business key are required");
    }
    if (studyInstanceUid == null
        || !studyInstanceUid.matches("[0-9]+(\\.[0-9]+)*")
        || studyInstanceUid.length() > 64) {
      throw new IllegalArgumentException(
          "studyInstanceUid must be a DICOM UID (digits and dots, at most 64 characters)");
    }
    if (type == Type.IMPORT_COMPLETED && (importJobId == null || importJobId.isBlank())) {
      throw new IllegalArgumentException("IMPORT_COMPLETED needs importJobId");
    }
    if (manifest != null && (contentHash == null || contentHash.isBlank())) {
      throw new IllegalArgumentException("a manifest reference needs its contentHash");
    }
  }
}
