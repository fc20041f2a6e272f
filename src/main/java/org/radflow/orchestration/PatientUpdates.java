package org.radflow.orchestration;

import java.time.Clock;
import java.util.Optional;
import org.radflow.lifecycle.StudyReads;
import org.radflow.study.PatientRef;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.workflow.StepRules;

/**
 * What a change of a patient's details at its source (ADT^A08, A04) does to the workflow: every
 * step {@link StepRules#redrivenByPatientUpdate} names is redriven, audited as the sending system's
 * action. Adapters report the update; the rule of what it redrives lives in the workflow.
 */
public final class PatientUpdates {

  /** How many steps of which patient (after merges) were asked again. */
  public record Redriven(PatientRef patient, int steps) {}

  private final StudyReads studies;
  private final StepStore steps;
  private final Recovery recovery;
  private final Clock clock;

  public PatientUpdates(StudyReads studies, StepStore steps, Recovery recovery, Clock clock) {
    this.studies = studies;
    this.steps = steps;
    this.recovery = recovery;
    this.clock = clock;
  }

  public Redriven patientUpdated(PatientRef patient, String actor, String reason) {
    PatientRef survivor = studies.survivorOf(patient);
    int redriven = 0;
    for (StudyId id : studies.studiesOfPatient(survivor)) {
      Optional<Study> study = studies.find(id);
      if (study.isEmpty()) {
        continue;
      }
      for (StepRecord step : steps.steps(id)) {
        if (StepRules.redrivenByPatientUpdate(study.get(), step.kind(), step.status())
            && recovery.redrive(step.id(), actor, reason, clock.instant())
                instanceof Redrive.Redriven) {
          redriven++;
        }
      }
    }
    return new Redriven(survivor, redriven);
  }
}
