package org.radflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.study.TransitionType.ACQUISITION_COMPLETED;
import static org.radflow.study.TransitionType.ACQUISITION_STARTED;
import static org.radflow.study.TransitionType.APPOINTMENT_CANCELLED;
import static org.radflow.study.TransitionType.CHARGE_SEEDED;
import static org.radflow.study.TransitionType.CLAIM_ACCEPTED;
import static org.radflow.study.TransitionType.CLAIM_SUBMITTED;
import static org.radflow.study.TransitionType.COMPENSATION_REQUESTED;
import static org.radflow.study.TransitionType.EXCEPTION_RAISED;
import static org.radflow.study.TransitionType.IDENTITY_VALIDATED;
import static org.radflow.study.TransitionType.IMAGES_COMMITTED;
import static org.radflow.study.TransitionType.PATIENT_MERGED;
import static org.radflow.study.TransitionType.PROCEDURE_SCHEDULED;
import static org.radflow.study.TransitionType.REPORT_AMENDED;
import static org.radflow.study.TransitionType.REPORT_FINALISED;
import static org.radflow.study.TransitionType.REPORT_PRELIMINARY;
import static org.radflow.study.TransitionType.REPORT_PUBLISHED;
import static org.radflow.study.TransitionType.STEP_COMPLETED;
import static org.radflow.study.TransitionType.STUDY_CANCELLED;
import static org.radflow.workflow.StepKind.CLAIM_RESPONSE_DEADLINE;
import static org.radflow.workflow.StepKind.CONFIRM_STORAGE_COMMITMENT;
import static org.radflow.workflow.StepKind.CREATE_WORKLIST_ENTRY;
import static org.radflow.workflow.StepKind.FETCH_CLAIM_ANSWER;
import static org.radflow.workflow.StepKind.IMAGES_COMMIT_DEADLINE;
import static org.radflow.workflow.StepKind.PUBLISH_REPORT;
import static org.radflow.workflow.StepKind.RECONCILE;
import static org.radflow.workflow.StepKind.REPORT_TURNAROUND_DEADLINE;
import static org.radflow.workflow.StepKind.RESERVE_SLOT;
import static org.radflow.workflow.StepKind.SEED_CHARGE;
import static org.radflow.workflow.StepKind.SUBMIT_CLAIM;
import static org.radflow.workflow.StepKind.SUPERSEDE_REPORT;
import static org.radflow.workflow.StepKind.VALIDATE_IDENTITY;
import static org.radflow.workflow.Studies.T0;
import static org.radflow.workflow.Studies.at;
import static org.radflow.workflow.Studies.create;
import static org.radflow.workflow.Studies.decide;
import static org.radflow.workflow.Studies.joining;
import static org.radflow.workflow.Studies.scheduled;
import static org.radflow.workflow.Studies.scheduledThrough;
import static org.radflow.workflow.Studies.study;
import static org.radflow.workflow.Studies.transition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.radflow.study.Change;
import org.radflow.study.ClinicalState;
import org.radflow.study.Decision;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.Study;
import org.radflow.study.TransitionType;
import org.radflow.workflow.Reaction.Compensate;
import org.radflow.workflow.Reaction.Start;
import org.radflow.workflow.Studies.Decided;

/**
 * Each policy fires as its description says, shown through decisions of the real study rules and
 * folded change by change as the store folds them.
 */
class PoliciesTest {

  private static final Deadlines DEADLINES = Deadlines.defaults();

  private static Start now(StepKind kind, Instant at) {
    return new Start(kind, at);
  }

  private static Start timer(StepKind kind, Instant at) {
    return new Start(kind, at.plus(DEADLINES.of(kind)));
  }

  @Test
  void the_policy_list_reads_as_documented() {
    assertThat(Policies.ALL)
        .extracting(Policy::describe)
        .containsExactly(
            "when a study enters ORDER_RECEIVED → VALIDATE_IDENTITY",
            "when a study enters IDENTITY_VALIDATED, if imaging has not started"
                + " → RESERVE_SLOT, CREATE_WORKLIST_ENTRY",
            "when a study enters ACQUISITION_COMPLETE"
                + " → CONFIRM_STORAGE_COMMITMENT, IMAGES_COMMIT_DEADLINE",
            "when a study enters IMAGES_COMMITTED → REPORT_TURNAROUND_DEADLINE",
            "when a study enters REPORT_FINALISED, if the report is not withheld from the national"
                + " record → PUBLISH_REPORT",
            "when a study enters REPORT_FINALISED → SEED_CHARGE",
            "when a study records IDENTITY_REVALIDATION_REQUESTED → VALIDATE_IDENTITY",
            "when a study records PATIENT_MERGED, if radflow validated the identity before"
                + " → VALIDATE_IDENTITY",
            "when a study enters REPORT_AMENDED, if the report is already published"
                + " → SUPERSEDE_REPORT",
            "when a study enters PUBLISHED, if the document holds an earlier version of the report"
                + " (it was amended before its publication completed) → SUPERSEDE_REPORT",
            "when a study records IDENTITY_REVALIDATED, if the national record holds the document"
                + " under another person's IHI (a merge; not an IHI resolved to its survivor)"
                + " → REMOVE_MISFILED_DOCUMENT",
            "when a study enters REMOVED, if the document was removed because it was filed under"
                + " the wrong patient → PUBLISH_REPORT",
            "when a study enters CHARGE_SEEDED → SUBMIT_CLAIM",
            "when a study enters CLAIM_SUBMITTED → FETCH_CLAIM_ANSWER, CLAIM_RESPONSE_DEADLINE",
            "when a study enters CLAIM_ACCEPTED → RECONCILE",
            "when a study enters CANCELLED → undo completed steps newest first",
            "when a study records COMPENSATION_REQUESTED → undo completed steps newest first");
  }

  @Test
  void a_merge_of_a_validated_patient_looks_the_ihi_up_again_and_an_unvalidated_one_does_not() {
    Study booked = scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED);
    Decided merged =
        decide(booked, transition(PATIENT_MERGED, 10, Studies.dataFor(PATIENT_MERGED)));

    assertThat(merged.reactions()).containsExactly(now(VALIDATE_IDENTITY, Studies.at(10)));
    assertThat(merged.study().nationalIdentity().orElseThrow().revalidating()).isTrue();

    Decided unvalidated =
        decide(scheduledThrough(), transition(PATIENT_MERGED, 10, Studies.dataFor(PATIENT_MERGED)));
    assertThat(unvalidated.reactions()).isEmpty();
  }

  @Test
  void a_merge_that_revalidates_another_persons_ihi_removes_the_misfiled_document_then_publishes() {
    String retiredIhi = org.radflow.simulator.SimulatedIdentity.ihi("NHS", "P-RETIRED");
    String survivorIhi = org.radflow.simulator.SimulatedIdentity.ihi("NHS", "P-SURVIVOR");
    Study validated =
        decide(
                scheduledThrough(),
                transition(
                    IDENTITY_VALIDATED,
                    1,
                    "ihi",
                    retiredIhi,
                    "numberStatus",
                    "ACTIVE",
                    "recordStatus",
                    "VERIFIED"))
            .study();
    Study published =
        decide(
                through(
                    validated,
                    PROCEDURE_SCHEDULED,
                    ACQUISITION_STARTED,
                    ACQUISITION_COMPLETED,
                    IMAGES_COMMITTED,
                    REPORT_FINALISED),
                transition(REPORT_PUBLISHED, 8, "document", "2.25.1"))
            .study();
    Study merged =
        decide(published, transition(PATIENT_MERGED, 10, Studies.dataFor(PATIENT_MERGED))).study();

    Decided otherPerson = decide(merged, revalidated(11, survivorIhi));
    assertThat(otherPerson.reactions())
        .containsExactly(now(StepKind.REMOVE_MISFILED_DOCUMENT, Studies.at(11)));
    // the same person (a duplicate local record), or an IHI the HI Service resolved: not misfiled
    assertThat(decide(merged, revalidated(11, retiredIhi)).reactions()).isEmpty();
    assertThat(decide(merged, revalidated(11, survivorIhi, "resolvedFrom", retiredIhi)).reactions())
        .isEmpty();

    Decided removed =
        decide(
            otherPerson.study(),
            transition(
                TransitionType.REPORT_REMOVED,
                12,
                "document",
                "2.25.1",
                "reason",
                "INCORRECT_IDENTITY"));
    assertThat(removed.study().documentRemovedForIdentity()).isTrue();
    assertThat(removed.reactions()).containsExactly(now(PUBLISH_REPORT, Studies.at(12)));
  }

  private static Study through(Study study, TransitionType... path) {
    int minute = 2;
    for (TransitionType type : path) {
      study = decide(study, transition(type, minute++, Studies.dataFor(type))).study();
    }
    return study;
  }

  private static org.radflow.study.Transition revalidated(int minutes, String ihi, String... more) {
    List<String> data =
        new java.util.ArrayList<>(
            List.of("ihi", ihi, "numberStatus", "ACTIVE", "recordStatus", "VERIFIED"));
    data.addAll(List.of(more));
    return transition(TransitionType.IDENTITY_REVALIDATED, minutes, data.toArray(String[]::new));
  }

  @Test
  void a_revalidation_asked_for_starts_an_identity_check() {
    Study finalised = scheduledThrough(IDENTITY_VALIDATED);
    Decided asked =
        decide(
            finalised,
            transition(
                TransitionType.IDENTITY_REVALIDATION_REQUESTED,
                10,
                Studies.dataFor(TransitionType.IDENTITY_REVALIDATION_REQUESTED)));

    assertThat(asked.reactions()).containsExactly(now(VALIDATE_IDENTITY, Studies.at(10)));
  }

  @Test
  void a_withheld_report_is_not_published_but_still_charged() {
    Study committed =
        scheduledThrough(
            IDENTITY_VALIDATED,
            PROCEDURE_SCHEDULED,
            TransitionType.ACQUISITION_STARTED,
            TransitionType.ACQUISITION_COMPLETED,
            TransitionType.IMAGES_COMMITTED,
            TransitionType.PUBLICATION_WITHHELD);
    Decided finalised = decide(committed, transition(TransitionType.REPORT_FINALISED, 20));

    assertThat(finalised.reactions())
        .extracting(r -> ((Start) r).kind())
        .containsExactly(StepKind.SEED_CHARGE);
    assertThat(finalised.study().status().reasons())
        .contains("the report is not sent to the national record: the patient withdrew consent");
  }

  @Test
  void a_scheduled_order_starts_identity_validation_only() {
    Decided created = create(scheduled());

    assertThat(created.reactions()).containsExactly(now(VALIDATE_IDENTITY, T0));
  }

  @Test
  void identity_validated_before_imaging_reserves_a_slot_and_creates_the_worklist_entry() {
    Study ordered = scheduledThrough();

    Decided validated = decide(ordered, transition(IDENTITY_VALIDATED, 5));

    assertThat(validated.reactions())
        .containsExactlyInAnyOrder(now(RESERVE_SLOT, at(5)), now(CREATE_WORKLIST_ENTRY, at(5)));
  }

  @Test
  void a_cancelled_appointment_waits_for_a_new_booking_instead_of_reserving_another_slot() {
    Study booked = scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED);

    Decided unbooked = decide(booked, transition(APPOINTMENT_CANCELLED, 9));

    assertThat(unbooked.study().clinical()).isEqualTo(ClinicalState.IDENTITY_VALIDATED);
    assertThat(unbooked.reactions()).isEmpty();
    Decided rebooked = decide(unbooked.study(), transition(PROCEDURE_SCHEDULED, 12));
    assertThat(rebooked.study().clinical()).isEqualTo(ClinicalState.PROCEDURE_SCHEDULED);
  }

  @Test
  void an_appointment_cannot_be_cancelled_once_acquisition_started() {
    Study scanning = scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, ACQUISITION_STARTED);

    Decision decision = Studies.RULES.decide(scanning, transition(APPOINTMENT_CANCELLED, 9));

    assertThat(decision).isInstanceOf(Decision.Refused.class);
    assertThat(((Decision.Refused) decision).message()).contains("cancel the order instead");
  }

  @Test
  void identity_validated_after_acquisition_started_books_nothing() {
    Study scanning = scheduledThrough(ACQUISITION_STARTED);

    Decided validated = decide(scanning, transition(IDENTITY_VALIDATED, 5));

    assertThat(validated.study().imaging()).isEqualTo(ImagingState.ACQUISITION_IN_PROGRESS);
    assertThat(validated.reactions()).isEmpty();
  }

  @Test
  void an_encounter_validated_while_scanning_books_nothing() {
    Study joined = study(joining(EntryKind.ENCOUNTER, ImagingState.ACQUISITION_IN_PROGRESS));

    assertThat(decide(joined, transition(IDENTITY_VALIDATED, 5)).reactions()).isEmpty();
  }

  @Test
  void acquisition_completed_confirms_storage_and_arms_the_commit_deadline() {
    Study scanning = scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, ACQUISITION_STARTED);

    Decided acquired = decide(scanning, transition(ACQUISITION_COMPLETED, 30));

    assertThat(acquired.reactions())
        .containsExactlyInAnyOrder(
            now(CONFIRM_STORAGE_COMMITMENT, at(30)),
            new Start(IMAGES_COMMIT_DEADLINE, at(30).plus(DEADLINES.imagesCommitted())));
  }

  @Test
  void images_committed_arms_the_report_turnaround_deadline() {
    Study acquired =
        scheduledThrough(
            IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, ACQUISITION_STARTED, ACQUISITION_COMPLETED);

    Decided committed = decide(acquired, transition(IMAGES_COMMITTED, 40));

    assertThat(committed.reactions())
        .containsExactly(
            new Start(REPORT_TURNAROUND_DEADLINE, at(40).plus(DEADLINES.reportTurnaround())));
  }

  @Test
  void a_final_report_publishes_it_and_seeds_the_charge() {
    Study preliminary =
        scheduledThrough(
            IDENTITY_VALIDATED,
            PROCEDURE_SCHEDULED,
            ACQUISITION_STARTED,
            ACQUISITION_COMPLETED,
            IMAGES_COMMITTED,
            REPORT_PRELIMINARY);

    Decided finalised = decide(preliminary, transition(REPORT_FINALISED, 90));

    assertThat(finalised.reactions())
        .containsExactlyInAnyOrder(now(PUBLISH_REPORT, at(90)), now(SEED_CHARGE, at(90)));
  }

  @Test
  void a_final_report_held_for_its_images_starts_both_states_steps_when_released_with_them() {
    Study acquired =
        scheduledThrough(
            IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, ACQUISITION_STARTED, ACQUISITION_COMPLETED);
    Decided held = decide(acquired, transition(REPORT_FINALISED, 35));
    assertThat(held.changes()).singleElement().isInstanceOf(Change.Held.class);
    assertThat(held.reactions()).as("a held report starts nothing yet").isEmpty();

    Decided released = decide(held.study(), transition(IMAGES_COMMITTED, 40));

    assertThat(released.changes())
        .extracting(c -> ((Change.Applied) c).transition().type())
        .containsExactly(IMAGES_COMMITTED, REPORT_FINALISED);
    assertThat(((Change.Applied) released.changes().get(1)).releasedFromHold()).isTrue();
    assertThat(released.reactions())
        .containsExactlyInAnyOrder(
            timer(REPORT_TURNAROUND_DEADLINE, at(40)),
            now(PUBLISH_REPORT, at(40)),
            now(SEED_CHARGE, at(40)));
  }

  private static Study finalisedAndValidated() {
    return scheduledThrough(
        IDENTITY_VALIDATED,
        PROCEDURE_SCHEDULED,
        ACQUISITION_STARTED,
        ACQUISITION_COMPLETED,
        IMAGES_COMMITTED,
        REPORT_FINALISED);
  }

  @Test
  void an_amendment_of_a_published_report_supersedes_the_document() {
    Study published = decide(finalisedAndValidated(), transition(REPORT_PUBLISHED, 100)).study();

    Decided amended = decide(published, transition(REPORT_AMENDED, 110));

    assertThat(amended.reactions()).containsExactly(now(SUPERSEDE_REPORT, at(110)));
  }

  @Test
  void an_amendment_before_publication_supersedes_nothing() {
    Decided amended = decide(finalisedAndValidated(), transition(REPORT_AMENDED, 110));

    assertThat(amended.reactions()).isEmpty();
  }

  @Test
  void a_publication_that_completes_after_an_amendment_is_superseded_by_it() {
    Study amended = decide(finalisedAndValidated(), transition(REPORT_AMENDED, 110)).study();

    Decided published = decide(amended, transition(REPORT_PUBLISHED, 120));

    assertThat(published.reactions()).containsExactly(now(SUPERSEDE_REPORT, at(120)));
  }

  @Test
  void the_claim_follows_the_charge_and_reconciliation_follows_acceptance() {
    Study finalised = decide(finalisedAndValidated(), transition(REPORT_PUBLISHED, 100)).study();

    Decided seeded = decide(finalised, transition(CHARGE_SEEDED, 101));
    Decided submitted = decide(seeded.study(), transition(CLAIM_SUBMITTED, 102));
    Decided accepted = decide(submitted.study(), transition(CLAIM_ACCEPTED, 103));

    assertThat(seeded.reactions()).containsExactly(now(SUBMIT_CLAIM, at(101)));
    assertThat(submitted.reactions())
        .containsExactlyInAnyOrder(
            now(FETCH_CLAIM_ANSWER, at(102)),
            new Start(CLAIM_RESPONSE_DEADLINE, at(102).plus(DEADLINES.claimResponse())));
    assertThat(accepted.reactions()).containsExactly(now(RECONCILE, at(103)));
  }

  @Test
  void an_outside_import_with_its_final_report_validates_identity_publishes_and_charges() {
    Decided joined = create(joining(EntryKind.OUTSIDE_IMPORT, ImagingState.REPORT_FINALISED));

    assertThat(joined.reactions())
        .containsExactlyInAnyOrder(
            now(VALIDATE_IDENTITY, T0), now(PUBLISH_REPORT, T0), now(SEED_CHARGE, T0));
  }

  @Test
  void an_encounter_joining_at_acquisition_complete_confirms_storage_like_a_scheduled_study() {
    Decided joined = create(joining(EntryKind.ENCOUNTER, ImagingState.ACQUISITION_COMPLETE));

    assertThat(joined.reactions())
        .containsExactlyInAnyOrder(
            now(VALIDATE_IDENTITY, T0),
            now(CONFIRM_STORAGE_COMMITMENT, T0),
            timer(IMAGES_COMMIT_DEADLINE, T0));
  }

  @Test
  void a_downtime_backfill_joining_at_images_committed_arms_the_report_turnaround_deadline() {
    Decided joined = create(joining(EntryKind.DOWNTIME_RECOVERY, ImagingState.IMAGES_COMMITTED));

    assertThat(joined.reactions())
        .containsExactlyInAnyOrder(
            now(VALIDATE_IDENTITY, T0), timer(REPORT_TURNAROUND_DEADLINE, T0));
  }

  @Test
  void a_late_join_then_validated_books_no_slot_for_imaging_already_done() {
    Study joined = study(joining(EntryKind.OUTSIDE_IMPORT, ImagingState.REPORT_FINALISED));

    assertThat(decide(joined, transition(IDENTITY_VALIDATED, 5)).reactions()).isEmpty();
  }

  @Test
  void cancellation_compensates_and_starts_nothing() {
    Study booked = scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED);

    Decided cancelled = decide(booked, transition(STUDY_CANCELLED, 10));

    assertThat(cancelled.reactions()).containsExactly(new Compensate("the study was cancelled"));
  }

  @Test
  void a_compensation_request_compensates_with_its_reason() {
    Study booked = scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED);

    Decided requested =
        decide(booked, transition(COMPENSATION_REQUESTED, 10, "reason", "wrong patient booked"));

    assertThat(requested.reactions()).containsExactly(new Compensate("wrong patient booked"));
  }

  @ParameterizedTest
  @EnumSource(
      value = TransitionType.class,
      names = {"STEP_COMPLETED", "EXCEPTION_RAISED"})
  void a_study_level_record_that_moves_no_track_starts_nothing(TransitionType type) {
    Study booked = scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED);

    Decided recorded = decide(booked, transition(type, 10, Studies.dataFor(type)));

    assertThat(recorded.study().clinical()).isEqualTo(booked.clinical());
    assertThat(recorded.reactions()).isEmpty();
  }

  @Test
  void a_held_transition_starts_nothing_until_it_applies() {
    Study scanning = scheduledThrough(IDENTITY_VALIDATED, ACQUISITION_STARTED);

    Decided held = decide(scanning, transition(IMAGES_COMMITTED, 10));

    assertThat(held.changes()).singleElement().isInstanceOf(Change.Held.class);
    assertThat(held.reactions()).isEmpty();
  }

  @Test
  void a_hold_refused_by_cancellation_starts_nothing_but_the_compensation() {
    Study scanning = scheduledThrough(IDENTITY_VALIDATED, ACQUISITION_STARTED);
    Study held = decide(scanning, transition(IMAGES_COMMITTED, 10)).study();

    Decided cancelled = decide(held, transition(STUDY_CANCELLED, 20));

    assertThat(cancelled.changes()).hasSize(2).last().isInstanceOf(Change.HoldRefused.class);
    assertThat(cancelled.reactions()).containsExactly(new Compensate("the study was cancelled"));
  }

  @Test
  void a_record_on_a_cancelled_study_starts_no_forward_step() {
    Study cancelled = scheduledThrough(IDENTITY_VALIDATED, STUDY_CANCELLED);

    Decided seeded = decide(cancelled, transition(CHARGE_SEEDED, 30));

    assertThat(seeded.study().isCancelled()).isTrue();
    assertThat(seeded.reactions()).isEmpty();
  }

  @Test
  void the_timers_are_due_their_configured_deadline_after_the_change() {
    Deadlines short_ =
        new Deadlines(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3));
    Policies policies = new Policies(short_);
    Study before = scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, ACQUISITION_STARTED);
    Decision.Accepted decision =
        (Decision.Accepted) Studies.RULES.decide(before, transition(ACQUISITION_COMPLETED, 30));

    List<Reaction> reactions = policies.react(before, decision.changes().get(0), decision.after());

    assertThat(reactions)
        .contains(new Start(IMAGES_COMMIT_DEADLINE, at(31)))
        .contains(new Start(CONFIRM_STORAGE_COMMITMENT, at(30)));
  }

  @Test
  void every_start_a_policy_declares_is_a_forward_step_or_a_timer() {
    assertThat(Policies.ALL)
        .flatExtracting(Policy::start)
        .allMatch(k -> k.role() != StepKind.Role.UNDO);
    assertThat(Policies.ALL).filteredOn(Policy::compensate).allMatch(p -> p.start().isEmpty());
    assertThat(List.of(STEP_COMPLETED, EXCEPTION_RAISED))
        .noneMatch(t -> Policies.ALL.stream().anyMatch(p -> p.onTransition() == t));
  }
}
