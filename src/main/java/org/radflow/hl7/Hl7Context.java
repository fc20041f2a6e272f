package org.radflow.hl7;

import java.util.List;
import org.radflow.blob.BlobRef;
import org.radflow.blob.BlobStore;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.study.BusinessKey;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.TransitionType;

/**
 * What every mapping of one message shares: who sent it, where its raw bytes are kept, and how
 * commands name their source. Business times come from business fields only, never MSH-7, so a
 * message re-sent later is still the same transition.
 */
record Hl7Context(MessageHeader header, Hl7Settings settings, BlobRef raw, BlobStore blobs) {

  Source source() {
    String ref = header.controlId();
    return new Source(
        truncate(header.sourceSystem(), 128),
        ref == null || ref.isEmpty() ? null : truncate(ref, 256));
  }

  String actor() {
    return truncate(header.sourceSystem(), 128);
  }

  /** The raw message: evidence of the transport attempt, not part of the transition's content. */
  Reference rawMessage() {
    return new Reference(Reference.SOURCE_MESSAGE, raw.uri().toString(), raw.contentHash());
  }

  TransitionDraft transition(
      TransitionType type,
      String key,
      java.time.Instant businessTime,
      java.util.Map<String, String> data,
      List<Reference> references) {
    List<Reference> all = new java.util.ArrayList<>(references);
    all.add(rawMessage());
    return new TransitionDraft(type, key, businessTime, source(), actor(), data, all);
  }

  StudyDraft study(
      BusinessKey key,
      PatientRef patient,
      EntryKind kind,
      ImagingState at,
      java.time.Instant businessTime,
      java.util.Map<String, String> attributes,
      List<Reference> references) {
    List<Reference> all = new java.util.ArrayList<>(references);
    all.add(rawMessage());
    return new StudyDraft(key, patient, kind, at, businessTime, source(), actor(), attributes, all);
  }

  String unknownStudy(Correlation study, String first) {
    return "no study with "
        + study.describe()
        + " is known to radflow; "
        + first
        + " must arrive first (the message is kept and can be reprocessed from the dead-letter"
        + " API once it has)";
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
