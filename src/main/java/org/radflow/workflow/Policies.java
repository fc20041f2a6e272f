package org.radflow.workflow;

import static org.radflow.workflow.StepKind.CLAIM_RESPONSE_DEADLINE;
import static org.radflow.workflow.StepKind.CONFIRM_STORAGE_COMMITMENT;
import static org.radflow.workflow.StepKind.CREATE_WORKLIST_ENTRY;
import static org.radflow.workflow.StepKind.FETCH_CLAIM_ANSWER;
import static org.radflow.workflow.StepKind.IMAGES_COMMIT_DEADLINE;
import static org.radflow.workflow.StepKind.PUBLISH_REPORT;
import static org.radflow.workflow.StepKind.RECONCILE;
import static org.radflow.workflow.StepKind.REMOVE_MISFILED_DOCUMENT;
import static org.radflow.workflow.StepKind.REPORT_TURNAROUND_DEADLINE;
import static org.radflow.workflow.StepKind.RESERVE_SLOT;
import static org.radflow.workflow.StepKind.SEED_CHARGE;
import static org.radflow.workflow.StepKind.SUBMIT_CLAIM;
import static org.radflow.workflow.StepKind.SUPERSEDE_REPORT;
import static org.radflow.workflow.StepKind.VALIDATE_IDENTITY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.radflow.study.AdministrativeState;
import org.radflow.study.Change;
import org.radflow.study.ClinicalState;
import org.radflow.study.DistributionState;
import org.radflow.study.ImagingState;
import org.radflow.study.Study;
import org.radflow.study.Track;
import org.radflow.study.TrackState;
import org.radflow.study.TransitionType;

/**
 * The whole workflow in one list: which steps start when a study changes. A state is "entered" when
 * a transition moves a track into it or when a late join opens the study there, so a study that
 * joins at acquisition complete gets the same storage-commitment check as one that got there step
 * by step.
 */
public final class Policies {

  public static final List<Policy> ALL =
      List.of(
          Policy.on(ClinicalState.ORDER_RECEIVED).start(VALIDATE_IDENTITY),
          Policy.on(ClinicalState.IDENTITY_VALIDATED)
              .when("imaging has not started", s -> s.imaging() == ImagingState.NOT_STARTED)
              .start(RESERVE_SLOT, CREATE_WORKLIST_ENTRY),
          Policy.on(ImagingState.ACQUISITION_COMPLETE)
              .start(CONFIRM_STORAGE_COMMITMENT, IMAGES_COMMIT_DEADLINE),
          Policy.on(ImagingState.IMAGES_COMMITTED).start(REPORT_TURNAROUND_DEADLINE),
          Policy.on(ImagingState.REPORT_FINALISED)
              .when(
                  "the report is not withheld from the national record",
                  s -> s.publicationWithheld().isEmpty())
              .start(PUBLISH_REPORT),
          Policy.on(ImagingState.REPORT_FINALISED).start(SEED_CHARGE),
          Policy.on(TransitionType.IDENTITY_REVALIDATION_REQUESTED).start(VALIDATE_IDENTITY),
          Policy.on(TransitionType.PATIENT_MERGED)
              .when(
                  "radflow validated the identity before",
                  s -> s.hasObserved(ClinicalState.IDENTITY_VALIDATED))
              .start(VALIDATE_IDENTITY),
          Policy.on(ImagingState.REPORT_AMENDED)
              .when(
                  "the report is already published",
                  s -> s.distribution() == DistributionState.PUBLISHED)
              .start(SUPERSEDE_REPORT),
          Policy.on(DistributionState.PUBLISHED)
              .when(
                  "the document holds an earlier version of the report (it was amended before its"
                      + " publication completed)",
                  Study::documentBehindReport)
              .start(SUPERSEDE_REPORT),
          Policy.on(TransitionType.IDENTITY_REVALIDATED)
              .when(
                  "the national record holds the document under another person's IHI (a merge;"
                      + " not an IHI resolved to its survivor)",
                  Study::documentFiledUnderAnotherIhi)
              .start(REMOVE_MISFILED_DOCUMENT),
          Policy.on(DistributionState.REMOVED)
              .when(
                  "the document was removed because it was filed under the wrong patient",
                  Study::documentRemovedForIdentity)
              .start(PUBLISH_REPORT),
          Policy.on(AdministrativeState.CHARGE_SEEDED).start(SUBMIT_CLAIM),
          Policy.on(AdministrativeState.CLAIM_SUBMITTED)
              .start(FETCH_CLAIM_ANSWER, CLAIM_RESPONSE_DEADLINE),
          Policy.on(AdministrativeState.CLAIM_ACCEPTED).start(RECONCILE),
          Policy.on(ClinicalState.CANCELLED).compensate(),
          Policy.on(TransitionType.COMPENSATION_REQUESTED).compensate());

  private final Deadlines deadlines;

  public Policies(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  /**
   * What the policies ask for after one change. A change that leaves the study cancelled starts no
   * forward step, whatever state it entered.
   *
   * @param before the study before the change, or {@code null} for its creation
   * @param after the study after it
   */
  public List<Reaction> react(Study before, Change change, Study after) {
    TransitionType recorded =
        change instanceof Change.Applied applied ? applied.transition().type() : null;
    // A cancelled booking returns the study to a state whose steps already ran; the next booking
    // comes from the scheduling system, not from radflow reserving another slot on its own.
    List<TrackState> entered =
        recorded == TransitionType.APPOINTMENT_CANCELLED ? List.of() : entered(before, after);
    Instant at = change.at();
    List<Reaction> reactions = new ArrayList<>();
    for (Policy policy : ALL) {
      boolean triggered =
          policy.onState() != null
              ? entered.contains(policy.onState())
              : policy.onTransition() == recorded;
      if (!triggered || !policy.condition().test(after)) {
        continue;
      }
      if (policy.compensate()) {
        String reason =
            recorded == TransitionType.COMPENSATION_REQUESTED
                ? ((Change.Applied) change).transition().data().get("reason")
                : "the study was cancelled";
        reactions.add(new Reaction.Compensate(reason));
      }
      for (StepKind kind : policy.start()) {
        if (kind.role() == StepKind.Role.FORWARD && after.isCancelled()) {
          // The study rules still record a charge or a claim answer for a cancelled study; such a
          // record must not start new external work for a study being undone.
          continue;
        }
        Instant due = kind.isTimer() ? at.plus(deadlines.of(kind)) : at;
        reactions.add(new Reaction.Start(kind, due));
      }
    }
    return reactions;
  }

  /** The states the change moved a track into; every current state for a creation. */
  private static List<TrackState> entered(Study before, Study after) {
    List<TrackState> entered = new ArrayList<>();
    for (Track track : Track.values()) {
      TrackState now = after.state(track);
      if (before == null || before.state(track) != now) {
        entered.add(now);
      }
    }
    return entered;
  }
}
