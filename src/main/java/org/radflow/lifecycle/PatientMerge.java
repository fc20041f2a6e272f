package org.radflow.lifecycle;

import java.util.List;
import org.radflow.study.PatientRef;
import org.radflow.study.StudyId;

/** What a patient merge did to each study of the retired identity. */
public record PatientMerge(PatientRef retired, PatientRef surviving, List<StudyOutcome> studies) {

  public record StudyOutcome(StudyId studyId, ApplyResult result) {}

  public PatientMerge {
    studies = List.copyOf(studies);
  }
}
