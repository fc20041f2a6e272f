package org.radflow.study;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transition table: for each transition, the track it moves, the states it may follow and the
 * state it reaches. Read it to answer "what can follow IMAGES_COMMITTED?".
 *
 * <p>A transition whose required state is still reachable from the current one arrives early and is
 * held (a final report before the images are committed); one whose required state can no longer be
 * reached is refused (a final report after cancellation). Cross-track rules — the obligations —
 * live in {@link StudyRules}.
 */
public enum TransitionType {
  // clinical and scheduling
  IDENTITY_VALIDATED(
      Set.of(ClinicalState.ORDER_RECEIVED, ClinicalState.IDENTITY_EXCEPTION),
      ClinicalState.IDENTITY_VALIDATED),
  IDENTITY_REJECTED(Set.of(ClinicalState.ORDER_RECEIVED), ClinicalState.IDENTITY_EXCEPTION),
  PROCEDURE_SCHEDULED(
      Set.of(ClinicalState.IDENTITY_VALIDATED, ClinicalState.PROCEDURE_SCHEDULED),
      ClinicalState.PROCEDURE_SCHEDULED),
  /**
   * The booked appointment was cancelled (SIU^S15) while the order stands: the study needs a new
   * booking. Refused once acquisition has started.
   */
  APPOINTMENT_CANCELLED(
      Set.of(ClinicalState.PROCEDURE_SCHEDULED), ClinicalState.IDENTITY_VALIDATED),
  /** Cancels the clinical and the imaging track; refused once a report is final. */
  STUDY_CANCELLED(
      Set.of(
          ClinicalState.ORDER_RECEIVED,
          ClinicalState.IDENTITY_VALIDATED,
          ClinicalState.PROCEDURE_SCHEDULED,
          ClinicalState.IDENTITY_EXCEPTION),
      ClinicalState.CANCELLED),

  // imaging and reporting
  ACQUISITION_STARTED(Set.of(ImagingState.NOT_STARTED), ImagingState.ACQUISITION_IN_PROGRESS),
  ACQUISITION_COMPLETED(
      Set.of(ImagingState.ACQUISITION_IN_PROGRESS), ImagingState.ACQUISITION_COMPLETE),
  IMAGES_COMMITTED(
      Set.of(ImagingState.ACQUISITION_COMPLETE, ImagingState.IMAGES_MISSING),
      ImagingState.IMAGES_COMMITTED),
  IMAGES_MISSING_DETECTED(Set.of(ImagingState.ACQUISITION_COMPLETE), ImagingState.IMAGES_MISSING),
  REPORT_PRELIMINARY(
      Set.of(ImagingState.IMAGES_COMMITTED, ImagingState.REPORT_PRELIMINARY),
      ImagingState.REPORT_PRELIMINARY),
  /** Also opens distribution: the final report is now owed to the national record. */
  REPORT_FINALISED(
      Set.of(ImagingState.IMAGES_COMMITTED, ImagingState.REPORT_PRELIMINARY),
      ImagingState.REPORT_FINALISED),
  REPORT_AMENDED(
      Set.of(ImagingState.REPORT_FINALISED, ImagingState.REPORT_AMENDED),
      ImagingState.REPORT_AMENDED),

  // distribution to the national record
  PUBLICATION_SUSPENDED(Set.of(DistributionState.PENDING), DistributionState.SUSPENDED),
  PUBLICATION_RESUMED(Set.of(DistributionState.SUSPENDED), DistributionState.PENDING),
  /** Requires identity validated by radflow, whatever the entry kind. */
  REPORT_PUBLISHED(
      Set.of(DistributionState.PENDING, DistributionState.SUSPENDED, DistributionState.REMOVED),
      DistributionState.PUBLISHED),
  /** The amended report replaced the published document; requires an amended report. */
  REPORT_SUPERSEDED(
      Set.of(DistributionState.PUBLISHED, DistributionState.SUPERSEDED),
      DistributionState.SUPERSEDED),
  /**
   * The national record no longer holds the study's document. Data: optionally {@code reason}
   * ({@code INCORRECT_IDENTITY} when it was filed under the wrong patient: it is published again).
   */
  REPORT_REMOVED(
      Set.of(DistributionState.PUBLISHED, DistributionState.SUPERSEDED), DistributionState.REMOVED),
  /**
   * The report is not to be sent to the national record: the patient or the referrer said so (a
   * consent withdrawal on the order, or an operator through the API). Data: {@code reason}.
   */
  PUBLICATION_WITHHELD(
      Set.of(
          DistributionState.NOT_REQUESTED, DistributionState.PENDING, DistributionState.SUSPENDED),
      DistributionState.WITHHELD,
      List.of("reason")),

  // administrative and reconciliation
  CHARGE_SEEDED(Set.of(AdministrativeState.NOT_STARTED), AdministrativeState.CHARGE_SEEDED),
  /** Requires identity validated by radflow, whatever the entry kind. */
  CLAIM_SUBMITTED(
      Set.of(AdministrativeState.CHARGE_SEEDED, AdministrativeState.CLAIM_EXCEPTION),
      AdministrativeState.CLAIM_SUBMITTED),
  /**
   * Also follows CLAIM_EXCEPTION: the payer reconsidered a rejected claim (an appeal, or the claim
   * corrected under the same claim number), which radflow learns by asking again.
   */
  CLAIM_ACCEPTED(
      Set.of(AdministrativeState.CLAIM_SUBMITTED, AdministrativeState.CLAIM_EXCEPTION),
      AdministrativeState.CLAIM_ACCEPTED),
  CLAIM_REJECTED(Set.of(AdministrativeState.CLAIM_SUBMITTED), AdministrativeState.CLAIM_EXCEPTION),
  FINANCIALLY_RECONCILED(
      Set.of(AdministrativeState.CLAIM_ACCEPTED), AdministrativeState.FINANCIALLY_RECONCILED),
  WRITTEN_OFF(
      Set.of(
          AdministrativeState.CHARGE_SEEDED,
          AdministrativeState.CLAIM_SUBMITTED,
          AdministrativeState.CLAIM_EXCEPTION,
          AdministrativeState.CLAIM_ACCEPTED),
      AdministrativeState.WRITTEN_OFF),

  /**
   * The study's patient was merged into a surviving identity (ADT^A40). Moves no track; re-parents
   * the study. Data: {@code survivingAuthority}, {@code survivingId}.
   */
  PATIENT_MERGED(null, null, List.of("survivingAuthority", "survivingId")),

  /**
   * An orchestration step finished a side effect that moves no track (a worklist entry created, a
   * compensation done). Recorded so the history shows every external effect. Data: {@code step},
   * {@code kind}.
   */
  STEP_COMPLETED(null, null, List.of("step", "kind")),

  /**
   * Something needs a person: opens an exception whose id is this change's history position. Data:
   * {@code kind} (an {@link OpenException.Kind}), {@code reason}; optionally {@code step}.
   */
  EXCEPTION_RAISED(null, null, List.of("kind", "reason")),

  /**
   * An operator (or a failed policy) asked for the study's completed steps to be undone. Moves no
   * track; the orchestration policies react to it. Data: {@code reason}.
   */
  COMPENSATION_REQUESTED(null, null, List.of("reason")),

  /**
   * The order's details changed (ORM^O01 / OMI^O23 order control XO). Moves no track; the data
   * carries the changed details (procedure, priority, modality) so the history shows them.
   */
  ORDER_CHANGED(null, null, List.of()),

  /**
   * The study's IHI must be looked up again before it is used (its validation is older than the
   * site allows, the patient was merged, or a message named another IHI). Moves no track; the
   * policies start an identity check. Data: {@code reason}.
   */
  IDENTITY_REVALIDATION_REQUESTED(null, null, List.of("reason")),

  /**
   * The HI Service answered a revalidation with a usable IHI. Moves no track. Data: {@code ihi},
   * {@code numberStatus}, {@code recordStatus}.
   */
  IDENTITY_REVALIDATED(null, null, List.of("ihi", "numberStatus", "recordStatus")),

  /**
   * The study's IHI may no longer be used (a revalidation answered it retired, expired, not
   * verified or unknown). Moves no track; publication waits until identity is valid again. Data:
   * {@code code}, {@code reason}.
   */
  IDENTITY_INVALIDATED(null, null, List.of("code", "reason")),

  /** A person closed an open exception. Data: {@code exception} (its id), {@code note}. */
  EXCEPTION_RESOLVED(null, null, List.of("exception", "note"));

  private final Set<TrackState> from;
  private final TrackState to;
  private final List<String> requiredData;

  TransitionType(Set<? extends TrackState> from, TrackState to) {
    this(from, to, List.of());
  }

  TransitionType(Set<? extends TrackState> from, TrackState to, List<String> requiredData) {
    this.from = from == null ? Set.of() : Set.copyOf(from);
    this.to = to;
    this.requiredData = requiredData;
  }

  /** The track this transition moves, or {@code null} for study-level transitions. */
  public Track track() {
    return to == null ? null : to.track();
  }

  /** The states this transition may follow on its track. */
  public Set<TrackState> from() {
    return from;
  }

  /** The state it reaches on its track, or {@code null} for study-level transitions. */
  public TrackState to() {
    return to;
  }

  /**
   * Whether this transition, arriving once the study already shows its effect, is recorded as an
   * observation rather than refused. The rule, and why these, is {@link Observations}.
   */
  public boolean isObservable() {
    return Observations.OBSERVABLE.contains(this);
  }

  public boolean movesTrack() {
    return to != null;
  }

  void checkData(Map<String, String> data) {
    for (String key : requiredData) {
      String value = data.get(key);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name() + " needs data." + key);
      }
    }
  }

  /** Every transition that moves the given track. */
  public static List<TransitionType> moving(Track track) {
    return Arrays.stream(values()).filter(t -> t.track() == track).toList();
  }
}
