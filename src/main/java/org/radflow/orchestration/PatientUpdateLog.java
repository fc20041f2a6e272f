package org.radflow.orchestration;

import java.time.Instant;
import java.util.Optional;
import org.radflow.study.PatientRef;

/**
 * The last patient update radflow acted on, per patient as the sender named them: only a digest of
 * the details, never the details, so a re-sent update (the same details again) is told from a new
 * one without radflow keeping demographics.
 */
public interface PatientUpdateLog {

  /** A digest of a patient's details and when an update carrying them was acted on. */
  record Noted(PatientRef patient, String contentDigest, Instant notedAt) {}

  /** The update last noted for {@code patient}, if any. */
  Optional<Noted> last(PatientRef patient);

  /** Remembers {@code contentDigest} as {@code patient}'s last update, replacing the one before. */
  void note(PatientRef patient, String contentDigest, Instant at);
}
