package org.radflow.study;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders for the commands the model tests send. Time is always explicit. */
final class Commands {

  static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
  static final StudyId STUDY_ID =
      new StudyId(UUID.fromString("7f0c1f9e-3a55-4c1e-9a43-1d2e3f4a5b6c"));
  static final BusinessKey ACCESSION = new BusinessKey("RAD-HOSP", "ACC-123");
  static final PatientRef PATIENT = new PatientRef("IHI", "8003608166690503");

  private Commands() {}

  static Instant at(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  static NewStudy scheduled() {
    return joining(EntryKind.SCHEDULED, ImagingState.NOT_STARTED);
  }

  static NewStudy joining(EntryKind kind, ImagingState joinedAt) {
    return new NewStudy(
        STUDY_ID,
        ACCESSION,
        PATIENT,
        kind,
        joinedAt,
        T0,
        T0,
        new Source("ris", "MSG-0001"),
        "hl7-inbound",
        Map.of("modality", "CT"),
        List.of());
  }

  /** A transition that happened and was learned at the same minute, keyed by its type. */
  static Transition transition(TransitionType type, int minutes) {
    return transition(type, type.name().toLowerCase() + "-1", at(minutes), at(minutes));
  }

  static Transition transition(
      TransitionType type, String key, Instant businessTime, Instant recordTime) {
    return new Transition(
        type,
        key,
        businessTime,
        recordTime,
        new Source("ris", "MSG-" + key),
        "hl7-inbound",
        Map.of(),
        List.of());
  }

  static Transition merge(PatientRef surviving, String key, int minutes) {
    return new Transition(
        TransitionType.PATIENT_MERGED,
        key,
        at(minutes),
        at(minutes),
        new Source("pas", "ADT-A40-" + key),
        "hl7-inbound",
        Map.of("survivingAuthority", surviving.assigningAuthority(), "survivingId", surviving.id()),
        List.of());
  }

  /** The same business transition re-sent by a new transport attempt. */
  static Transition resent(Transition original, String messageRef, String actor, Instant learned) {
    return new Transition(
        original.type(),
        original.idempotencyKey(),
        original.businessTime(),
        learned,
        new Source(original.source().system(), messageRef),
        actor,
        original.data(),
        original.references());
  }
}
