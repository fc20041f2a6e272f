package org.radflow.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.radflow.study.BusinessKey;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.NewStudy;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.StudyId;

/** A study to open, as an adapter received it: everything but the id and the record time. */
public record StudyDraft(
    BusinessKey businessKey,
    PatientRef patient,
    EntryKind entryKind,
    ImagingState joinedAt,
    Instant businessTime,
    Source source,
    String actor,
    Map<String, String> attributes,
    List<Reference> references) {

  /** The command this draft becomes as study {@code id}, recorded at {@code recordTime}. */
  public NewStudy toCommand(StudyId id, Instant recordTime) {
    return new NewStudy(
        id,
        businessKey,
        patient,
        entryKind,
        joinedAt,
        businessTime == null ? recordTime : businessTime,
        recordTime,
        source,
        actor,
        attributes,
        references,
        businessTime != null);
  }
}
