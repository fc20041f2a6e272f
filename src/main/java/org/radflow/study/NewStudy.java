package org.radflow.study;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A command to open a study: a scheduled order, or a late join at the imaging state the study had
 * already reached. The business key is the idempotency key of creation.
 */
public record NewStudy(
    StudyId id,
    BusinessKey businessKey,
    PatientRef patient,
    EntryKind entryKind,
    ImagingState joinedAt,
    Instant businessTime,
    Instant recordTime,
    Source source,
    String actor,
    Map<String, String> attributes,
    List<Reference> references,
    boolean businessTimeStated) {

  /** A study whose sender stated when the order (or the joined state) happened. */
  public NewStudy(
      StudyId id,
      BusinessKey businessKey,
      PatientRef patient,
      EntryKind entryKind,
      ImagingState joinedAt,
      Instant businessTime,
      Instant recordTime,
      Source source,
      String actor,
      Map<String, String> attributes,
      List<Reference> references) {
    this(
        id,
        businessKey,
        patient,
        entryKind,
        joinedAt,
        businessTime,
        recordTime,
        source,
        actor,
        attributes,
        references,
        true);
  }

  public NewStudy {
    Require.present(id, "id");
    Require.present(businessKey, "businessKey");
    Require.present(patient, "patient");
    Require.present(entryKind, "entryKind");
    joinedAt = joinedAt == null ? ImagingState.NOT_STARTED : joinedAt;
    Require.present(businessTime, "businessTime");
    Require.present(recordTime, "recordTime");
    Require.present(source, "source");
    Require.text(actor, "actor", 128);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    references = references == null ? List.of() : List.copyOf(references);
  }

  /** The business content of creation, for telling a re-sent order from a conflicting one. */
  /**
   * The same command for the identity the patient lives on as after a merge. The fingerprint stays
   * the one of the command as sent, so a re-sent order that still names the retired identity is a
   * re-send, not a conflict.
   */
  public NewStudy forSurvivor(PatientRef survivor) {
    return new NewStudy(
        id,
        businessKey,
        survivor,
        entryKind,
        joinedAt,
        businessTime,
        recordTime,
        source,
        actor,
        attributes,
        references,
        businessTimeStated);
  }

  public String fingerprint() {
    return new Canonical()
        .field("CREATE")
        .field(businessKey.assigningAuthority())
        .field(businessKey.accessionNumber())
        .field(patient.assigningAuthority())
        .field(patient.id())
        .field(entryKind)
        .field(joinedAt)
        .field(businessTimeStated ? businessTime : null)
        .map(attributes)
        .references(references)
        .sha256();
  }
}
