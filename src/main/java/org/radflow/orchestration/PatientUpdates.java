package org.radflow.orchestration;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.radflow.lifecycle.StudyReads;
import org.radflow.study.PatientRef;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.workflow.StepRules;

/**
 * What a change of a patient's details at its source (ADT^A08, A04) does to the workflow: every
 * step {@link StepRules#redrivenByPatientUpdate} names is redriven, audited as the sending system's
 * action. Adapters report the update; the rule of what it redrives lives in the workflow.
 *
 * <p>An update carrying the details last acted on for that patient is a re-send: nothing new can
 * come of asking again with the same details, so it changes nothing. The update is noted only after
 * its redrives, so one cut short by a crash is acted on again when re-sent.
 */
public final class PatientUpdates {

  /** What an update did. */
  public sealed interface Outcome {
    PatientRef patient();

    <T> T fold(
        Function<? super Redriven, ? extends T> redriven,
        Function<? super AlreadyNoted, ? extends T> alreadyNoted);
  }

  /** How many steps of which patient (after merges) were asked again. */
  public record Redriven(PatientRef patient, int steps) implements Outcome {
    @Override
    public <T> T fold(
        Function<? super Redriven, ? extends T> redriven,
        Function<? super AlreadyNoted, ? extends T> alreadyNoted) {
      return redriven.apply(this);
    }
  }

  /** The same details as the update acted on at {@code notedAt}: nothing was asked again. */
  public record AlreadyNoted(PatientRef patient, Instant notedAt) implements Outcome {
    @Override
    public <T> T fold(
        Function<? super Redriven, ? extends T> redriven,
        Function<? super AlreadyNoted, ? extends T> alreadyNoted) {
      return alreadyNoted.apply(this);
    }
  }

  private final StudyReads studies;
  private final StepStore steps;
  private final Recovery recovery;
  private final PatientUpdateLog log;
  private final Clock clock;

  public PatientUpdates(
      StudyReads studies, StepStore steps, Recovery recovery, PatientUpdateLog log, Clock clock) {
    this.studies = studies;
    this.steps = steps;
    this.recovery = recovery;
    this.log = log;
    this.clock = clock;
  }

  /**
   * {@code patient}'s details, whose digest is {@code contentDigest}, were registered or changed.
   */
  public Outcome patientUpdated(
      PatientRef patient, String contentDigest, String actor, String reason) {
    Optional<PatientUpdateLog.Noted> last = log.last(patient);
    if (last.isPresent() && last.get().contentDigest().equals(contentDigest)) {
      return new AlreadyNoted(studies.survivorOf(patient), last.get().notedAt());
    }
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
    log.note(patient, contentDigest, clock.instant());
    return new Redriven(survivor, redriven);
  }
}
