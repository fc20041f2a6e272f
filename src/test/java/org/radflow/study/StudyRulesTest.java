package org.radflow.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.radflow.study.Commands.PATIENT;
import static org.radflow.study.Commands.at;
import static org.radflow.study.Commands.joining;
import static org.radflow.study.Commands.merge;
import static org.radflow.study.Commands.scheduled;
import static org.radflow.study.Commands.transition;
import static org.radflow.study.TransitionType.ACQUISITION_COMPLETED;
import static org.radflow.study.TransitionType.ACQUISITION_STARTED;
import static org.radflow.study.TransitionType.CHARGE_SEEDED;
import static org.radflow.study.TransitionType.CLAIM_ACCEPTED;
import static org.radflow.study.TransitionType.CLAIM_SUBMITTED;
import static org.radflow.study.TransitionType.FINANCIALLY_RECONCILED;
import static org.radflow.study.TransitionType.IDENTITY_REJECTED;
import static org.radflow.study.TransitionType.IDENTITY_VALIDATED;
import static org.radflow.study.TransitionType.IMAGES_COMMITTED;
import static org.radflow.study.TransitionType.PROCEDURE_SCHEDULED;
import static org.radflow.study.TransitionType.REPORT_AMENDED;
import static org.radflow.study.TransitionType.REPORT_FINALISED;
import static org.radflow.study.TransitionType.REPORT_PRELIMINARY;
import static org.radflow.study.TransitionType.REPORT_PUBLISHED;
import static org.radflow.study.TransitionType.STUDY_CANCELLED;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.radflow.study.EndToEndStatus.Kind;

/** The study rules, by example. Read top to bottom to learn how a study moves. */
class StudyRulesTest {

  private static final Duration HOLD_LIMIT = Duration.ofHours(4);
  private final StudyRules rules = new StudyRules(HOLD_LIMIT);

  private Study opened(NewStudy command) {
    return ((Decision.Accepted) rules.create(command)).after();
  }

  private Decision.Accepted accept(Study study, Transition transition) {
    Decision decision = rules.decide(study, transition);
    assertThat(decision)
        .as("decision on %s", transition.type())
        .isInstanceOf(Decision.Accepted.class);
    return (Decision.Accepted) decision;
  }

  private Study apply(Study study, Transition transition) {
    Decision.Accepted accepted = accept(study, transition);
    assertThat(accepted.outcome()).isEqualTo(Decision.Outcome.APPLIED);
    return accepted.after();
  }

  private Decision.Refused refuse(Study study, Transition transition) {
    Decision decision = rules.decide(study, transition);
    assertThat(decision)
        .as("decision on %s", transition.type())
        .isInstanceOf(Decision.Refused.class);
    return (Decision.Refused) decision;
  }

  /** A scheduled study whose acquisition is complete but whose images are not committed yet. */
  private Study acquired() {
    return acquired(scheduled());
  }

  private Study acquired(NewStudy order) {
    Study study = opened(order);
    study = apply(study, transition(IDENTITY_VALIDATED, 1));
    study = apply(study, transition(PROCEDURE_SCHEDULED, 2));
    study = apply(study, transition(ACQUISITION_STARTED, 60));
    return apply(study, transition(ACQUISITION_COMPLETED, 80));
  }

  @Nested
  class ScheduledMainPath {

    @Test
    void a_scheduled_order_is_waiting_on_identity_when_created() {
      Decision decision = rules.create(scheduled());

      Decision.Accepted created = (Decision.Accepted) decision;
      assertThat(created.changes()).singleElement().isInstanceOf(Change.Created.class);
      assertThat(created.changes().get(0).eventType()).isEqualTo("study.created");
      Study study = created.after();
      assertThat(study.version()).isEqualTo(1);
      assertThat(study.clinical()).isEqualTo(ClinicalState.ORDER_RECEIVED);
      assertThat(study.imaging()).isEqualTo(ImagingState.NOT_STARTED);
      assertThat(study.administrative()).isEqualTo(AdministrativeState.NOT_STARTED);
      assertThat(study.distribution()).isEqualTo(DistributionState.NOT_REQUESTED);
      assertThat(study.facts())
          .containsExactly(
              new Fact(ClinicalState.ORDER_RECEIVED, Attestation.OBSERVED, Commands.T0));
      assertThat(study.status().kind()).isEqualTo(Kind.WAITING);
      assertThat(study.status().waitingOn()).isEqualTo(EndToEndStatus.IDENTITY);
    }

    record Step(TransitionType type, TrackState reached, Kind status, String waitingOn) {}

    @Test
    void order_to_financial_reconciliation_moves_each_track_and_derives_the_status_on_the_way() {
      List<Step> path =
          List.of(
              new Step(IDENTITY_VALIDATED, ClinicalState.IDENTITY_VALIDATED, Kind.ACTIVE, null),
              new Step(PROCEDURE_SCHEDULED, ClinicalState.PROCEDURE_SCHEDULED, Kind.ACTIVE, null),
              new Step(
                  ACQUISITION_STARTED, ImagingState.ACQUISITION_IN_PROGRESS, Kind.ACTIVE, null),
              new Step(
                  ACQUISITION_COMPLETED,
                  ImagingState.ACQUISITION_COMPLETE,
                  Kind.WAITING,
                  EndToEndStatus.IMAGE_ARCHIVE),
              new Step(IMAGES_COMMITTED, ImagingState.IMAGES_COMMITTED, Kind.ACTIVE, null),
              new Step(REPORT_PRELIMINARY, ImagingState.REPORT_PRELIMINARY, Kind.ACTIVE, null),
              new Step(
                  REPORT_FINALISED,
                  ImagingState.REPORT_FINALISED,
                  Kind.WAITING,
                  EndToEndStatus.NATIONAL_RECORD),
              new Step(
                  CHARGE_SEEDED,
                  AdministrativeState.CHARGE_SEEDED,
                  Kind.WAITING,
                  EndToEndStatus.NATIONAL_RECORD),
              new Step(
                  REPORT_PUBLISHED, DistributionState.PUBLISHED, Kind.CLINICALLY_COMPLETE, null),
              new Step(
                  CLAIM_SUBMITTED,
                  AdministrativeState.CLAIM_SUBMITTED,
                  Kind.WAITING,
                  EndToEndStatus.BILLING),
              new Step(
                  CLAIM_ACCEPTED,
                  AdministrativeState.CLAIM_ACCEPTED,
                  Kind.CLINICALLY_COMPLETE,
                  null),
              new Step(
                  FINANCIALLY_RECONCILED,
                  AdministrativeState.FINANCIALLY_RECONCILED,
                  Kind.FINANCIALLY_COMPLETE,
                  null));

      Study study = opened(scheduled());
      int minute = 0;
      for (Step step : path) {
        minute += 10;
        Decision.Accepted accepted = accept(study, transition(step.type(), minute));

        assertThat(accepted.outcome()).as(step.type().name()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(accepted.changes())
            .as(step.type().name())
            .containsExactly(
                new Change.Applied(transition(step.type(), minute), at(minute), false));
        study = accepted.after();
        assertThat(study.state(step.reached().track()))
            .as(step.type().name())
            .isEqualTo(step.reached());
        assertThat(study.hasObserved(step.reached())).as(step.type().name()).isTrue();
        assertThat(study.status().kind())
            .as("status after %s", step.type())
            .isEqualTo(step.status());
        assertThat(study.status().waitingOn())
            .as("waiting on after %s", step.type())
            .isEqualTo(step.waitingOn());
      }

      assertThat(study.version()).isEqualTo(1 + path.size());
      assertThat(study.updatedAt()).isEqualTo(at(minute));
      assertThat(study.openObligations()).isEmpty();
      assertThat(study.held()).isEmpty();
      assertThat(study.exceptions()).isEmpty();
    }

    @Test
    void
        the_final_report_opens_distribution_and_an_amendment_waits_to_supersede_the_published_one() {
      Study study = apply(acquired(), transition(IMAGES_COMMITTED, 90));
      assertThat(study.distribution()).isEqualTo(DistributionState.NOT_REQUESTED);

      study = apply(study, transition(REPORT_FINALISED, 100));
      assertThat(study.distribution()).isEqualTo(DistributionState.PENDING);
      study = apply(study, transition(REPORT_PUBLISHED, 110));
      study = apply(study, transition(REPORT_AMENDED, 120));

      assertThat(study.imaging()).isEqualTo(ImagingState.REPORT_AMENDED);
      assertThat(study.status().kind()).isEqualTo(Kind.WAITING);
      assertThat(study.status().waitingOn()).isEqualTo(EndToEndStatus.NATIONAL_RECORD);
      study = apply(study, transition(TransitionType.REPORT_SUPERSEDED, 130));
      assertThat(study.distribution()).isEqualTo(DistributionState.SUPERSEDED);
      assertThat(study.status().kind()).isEqualTo(Kind.CLINICALLY_COMPLETE);
    }
  }

  @Nested
  class EarlyEvents {

    @Test
    void a_final_report_before_the_images_are_committed_is_held_with_a_deadline() {
      Study study = acquired();
      Transition report = transition(REPORT_FINALISED, "report-final-1", at(100), at(101));

      Decision.Accepted held = accept(study, report);

      assertThat(held.outcome()).isEqualTo(Decision.Outcome.HELD);
      HeldTransition expected =
          new HeldTransition(report, ImagingState.IMAGES_COMMITTED, at(101).plus(HOLD_LIMIT));
      assertThat(held.changes()).containsExactly(new Change.Held(expected));
      assertThat(held.changes().get(0).eventType()).isEqualTo("study.transition.held");
      assertThat(held.after().held()).containsExactly(expected);
      assertThat(held.after().imaging()).isEqualTo(ImagingState.ACQUISITION_COMPLETE);
      assertThat(held.after().version()).isEqualTo(study.version() + 1);
      assertThat(held.after().status().waitingOn()).isEqualTo(EndToEndStatus.IMAGE_ARCHIVE);
    }

    @Test
    void held_reports_apply_in_causal_order_in_the_same_decision_as_the_images() {
      Study study = acquired();
      // The final report is learned first, the preliminary one (earlier in business time) second.
      Transition finalReport = transition(REPORT_FINALISED, "report-final-1", at(110), at(111));
      Transition preliminary = transition(REPORT_PRELIMINARY, "report-prelim-1", at(100), at(112));
      study = accept(study, finalReport).after();
      study = accept(study, preliminary).after();
      assertThat(study.held()).hasSize(2);

      Transition images = transition(IMAGES_COMMITTED, "images-1", at(90), at(120));
      Decision.Accepted released = accept(study, images);

      assertThat(released.outcome()).isEqualTo(Decision.Outcome.APPLIED);
      assertThat(released.changes())
          .containsExactly(
              new Change.Applied(images, at(120), false),
              new Change.Applied(preliminary, at(120), true),
              new Change.Applied(finalReport, at(120), true));
      Study after = released.after();
      assertThat(after.imaging()).isEqualTo(ImagingState.REPORT_FINALISED);
      assertThat(after.distribution()).isEqualTo(DistributionState.PENDING);
      assertThat(after.held()).isEmpty();
      assertThat(after.version()).isEqualTo(study.version() + 3);
      // Facts carry when things happened, not when radflow learned them.
      assertThat(after.facts())
          .contains(
              new Fact(ImagingState.IMAGES_COMMITTED, Attestation.OBSERVED, at(90)),
              new Fact(ImagingState.REPORT_PRELIMINARY, Attestation.OBSERVED, at(100)),
              new Fact(ImagingState.REPORT_FINALISED, Attestation.OBSERVED, at(110)));
    }

    @Test
    void a_held_report_is_refused_into_the_exception_lane_when_the_study_is_cancelled_meanwhile() {
      Study study = opened(scheduled());
      study = apply(study, transition(ACQUISITION_STARTED, 10));
      Transition report = transition(REPORT_FINALISED, "report-final-1", at(20), at(21));
      study = accept(study, report).after();
      assertThat(study.held())
          .singleElement()
          .extracting(HeldTransition::awaiting)
          .isEqualTo(ImagingState.IMAGES_COMMITTED);

      Transition cancel = transition(STUDY_CANCELLED, "cancel-1", at(30), at(31));
      Decision.Accepted cancelled = accept(study, cancel);

      assertThat(cancelled.changes()).hasSize(2);
      assertThat(cancelled.changes().get(0)).isEqualTo(new Change.Applied(cancel, at(31), false));
      assertThat(cancelled.changes().get(1))
          .isInstanceOfSatisfying(
              Change.HoldRefused.class,
              refused -> {
                assertThat(refused.transition()).isEqualTo(report);
                assertThat(refused.at()).isEqualTo(at(31));
                assertThat(refused.reason())
                    .contains("held REPORT_FINALISED (report-final-1) can no longer apply")
                    .contains("cannot follow CANCELLED on the imaging track of a cancelled study");
              });
      Study after = cancelled.after();
      assertThat(after.clinical()).isEqualTo(ClinicalState.CANCELLED);
      assertThat(after.imaging()).isEqualTo(ImagingState.CANCELLED);
      assertThat(after.held()).isEmpty();
      assertThat(after.exceptions())
          .singleElement()
          .extracting(OpenException::kind)
          .isEqualTo(OpenException.Kind.EARLY_EVENT_REFUSED);
      // A report finalised for a cancelled study needs a person; the cancellation must not hide it.
      assertThat(after.status().kind()).isEqualTo(Kind.IN_EXCEPTION);
      assertThat(after.status().reasons()).first().isEqualTo("the study was cancelled");
      assertThat(after.status().reasons()).anyMatch(r -> r.contains("held REPORT_FINALISED"));
    }

    @Test
    void a_cancelled_study_with_nothing_open_is_simply_cancelled() {
      Study study = apply(opened(scheduled()), transition(STUDY_CANCELLED, 10));

      assertThat(study.status().kind()).isEqualTo(Kind.CANCELLED);
      assertThat(study.status().reasons()).containsExactly("the study was cancelled");
    }

    @Test
    void a_hold_expires_at_its_deadline_into_the_exception_lane_and_never_applies() {
      Study study = acquired();
      Transition report = transition(REPORT_FINALISED, "report-final-1", at(100), at(101));
      study = accept(study, report).after();
      Instant deadline = at(101).plus(HOLD_LIMIT);

      assertThat(rules.expireHolds(study, deadline.minusSeconds(1))).isEmpty();
      List<Change> expired = rules.expireHolds(study, deadline);

      assertThat(expired)
          .containsExactly(new Change.HoldExpired(report, ImagingState.IMAGES_COMMITTED, deadline));
      Study after = study.evolve(expired.get(0));
      assertThat(after.held()).isEmpty();
      assertThat(after.version()).isEqualTo(study.version() + 1);
      assertThat(after.exceptions())
          .containsExactly(
              new OpenException(
                  after.version(),
                  OpenException.Kind.EARLY_EVENT_EXPIRED,
                  "REPORT_FINALISED (report-final-1) waited for IMAGES_COMMITTED until its deadline"
                      + " and it never came",
                  deadline,
                  null));
      assertThat(after.status().kind()).isEqualTo(Kind.IN_EXCEPTION);

      // The images arriving afterwards apply alone: the expired report is not resurrected.
      Decision.Accepted images = accept(after, transition(IMAGES_COMMITTED, 400));
      assertThat(images.changes()).hasSize(1);
      assertThat(images.after().imaging()).isEqualTo(ImagingState.IMAGES_COMMITTED);
    }

    @Test
    void a_prerequisite_arriving_after_the_deadline_expires_the_hold_instead_of_releasing_it() {
      Study study = accept(acquired(), transition(REPORT_FINALISED, "r", at(100), at(100))).after();
      Instant afterDeadline = at(100).plus(HOLD_LIMIT).plusSeconds(1);

      Decision.Accepted images =
          accept(study, transition(IMAGES_COMMITTED, "images", afterDeadline, afterDeadline));

      assertThat(images.changes())
          .extracting(c -> c.getClass().getSimpleName())
          .containsExactly("HoldExpired", "Applied");
      assertThat(images.after().imaging()).isEqualTo(ImagingState.IMAGES_COMMITTED);
      assertThat(images.after().held()).isEmpty();
      assertThat(images.after().status().kind()).isEqualTo(Kind.IN_EXCEPTION);
    }

    @Test
    void expiring_holds_later_than_the_deadline_uses_the_timer_time() {
      Study study = accept(acquired(), transition(REPORT_FINALISED, "r", at(100), at(100))).after();
      Instant late = at(100).plus(HOLD_LIMIT).plus(Duration.ofHours(2));

      assertThat(rules.expireHolds(study, late))
          .singleElement()
          .extracting(Change::at)
          .isEqualTo(late);
    }
  }

  /** News that comes late: the study already shows it, so it is recorded and moves nothing. */
  @Nested
  class AlreadyKnown {

    private Transition seenBy(TransitionType type, String key, int minutes, String uid) {
      return new Transition(
          type,
          key,
          at(minutes),
          at(minutes),
          new Source("pacs", "MSG-" + key),
          "pacs",
          uid == null ? Map.of() : Map.of("studyInstanceUid", uid),
          List.of());
    }

    private Decision.Accepted known(Study study, Transition transition) {
      Decision.Accepted accepted = accept(study, transition);
      assertThat(accepted.outcome()).isEqualTo(Decision.Outcome.ALREADY_KNOWN);
      assertThat(accepted.changes())
          .containsExactly(new Change.Observed(transition, transition.recordTime(), false));
      assertThat(accepted.changes().get(0).eventType()).isEqualTo("study.observation.recorded");
      for (Track track : Track.values()) {
        assertThat(accepted.after().state(track)).isEqualTo(study.state(track));
      }
      assertThat(accepted.after().facts()).isEqualTo(study.facts());
      assertThat(accepted.after().version()).isEqualTo(study.version() + 1);
      return accepted;
    }

    @Test
    void imaging_the_archives_storage_commitment_after_radflows_own_and_the_released_report() {
      Study study = opened(scheduled());
      study = apply(study, transition(IDENTITY_VALIDATED, 1));
      study = apply(study, transition(PROCEDURE_SCHEDULED, 2));
      assertThat(accept(study, transition(REPORT_FINALISED, 30)).outcome())
          .isEqualTo(Decision.Outcome.HELD);
      study = accept(study, transition(REPORT_FINALISED, 30)).after();
      study = apply(study, transition(ACQUISITION_STARTED, 60));
      study = apply(study, transition(ACQUISITION_COMPLETED, 80));
      // radflow's own storage-commitment step; the held report is released in the same commit
      study = apply(study, seenBy(IMAGES_COMMITTED, "step:commit", 90, null));
      assertThat(study.imaging()).isEqualTo(ImagingState.REPORT_FINALISED);

      known(study, seenBy(IMAGES_COMMITTED, "imaging:IMAGES_COMMITTED:1.2.3", 95, "1.2.3"));
      known(study, seenBy(ACQUISITION_STARTED, "imaging:ACQUISITION_STARTED:1.2.3", 96, null));
      known(study, seenBy(ACQUISITION_COMPLETED, "mpps-completed", 97, null));
    }

    @Test
    void clinical_an_identity_validated_again_once_the_procedure_is_scheduled() {
      Study study = opened(scheduled());
      study = apply(study, transition(IDENTITY_VALIDATED, 1));
      study = apply(study, transition(PROCEDURE_SCHEDULED, 2));

      known(study, seenBy(IDENTITY_VALIDATED, "ihi-lookup-2", 3, null));
    }

    @Test
    void administrative_a_claim_submitted_or_accepted_after_reconciliation() {
      Study study = apply(acquired(), transition(CHARGE_SEEDED, 100));
      study = apply(study, transition(CLAIM_SUBMITTED, 110));
      study = apply(study, transition(CLAIM_ACCEPTED, 120));
      study = apply(study, transition(FINANCIALLY_RECONCILED, 130));

      known(study, seenBy(CHARGE_SEEDED, "billing-charge", 131, null));
      known(study, seenBy(CLAIM_SUBMITTED, "billing-submitted", 132, null));
      known(study, seenBy(CLAIM_ACCEPTED, "billing-accepted", 133, null));
    }

    @Test
    void an_observation_naming_another_study_instance_uid_contradicts_the_study() {
      NewStudy order = scheduled();
      NewStudy withUid =
          new NewStudy(
              order.id(),
              order.businessKey(),
              order.patient(),
              order.entryKind(),
              order.joinedAt(),
              order.businessTime(),
              order.recordTime(),
              order.source(),
              order.actor(),
              Map.of("modality", "CT", "studyInstanceUid", "1.2.3"),
              List.of());
      Study study = apply(acquired(withUid), transition(IMAGES_COMMITTED, 90));

      Decision.Refused refused =
          refuse(study, seenBy(IMAGES_COMMITTED, "imaging:IMAGES_COMMITTED:9.9.9", 95, "9.9.9"));

      assertThat(refused.refusal()).isEqualTo(Decision.Refusal.CONTRADICTS);
      assertThat(refused.message())
          .isEqualTo(
              "IMAGES_COMMITTED names studyInstanceUid 9.9.9 but study "
                  + study.id()
                  + " has studyInstanceUid 1.2.3; the observation contradicts the study and was"
                  + " not recorded");
      known(study, seenBy(IMAGES_COMMITTED, "imaging:IMAGES_COMMITTED:1.2.3", 95, "1.2.3"));
    }

    @Test
    void a_second_held_commitment_is_released_as_an_observation_after_the_first_applies() {
      Study study = opened(scheduled());
      study = apply(study, transition(IDENTITY_VALIDATED, 1));
      study = apply(study, transition(PROCEDURE_SCHEDULED, 2));
      study = apply(study, transition(ACQUISITION_STARTED, 60));
      Transition ours = seenBy(IMAGES_COMMITTED, "step:commit", 61, null);
      Transition theirs = seenBy(IMAGES_COMMITTED, "imaging:IMAGES_COMMITTED:1.2.3", 62, null);
      study = accept(study, ours).after();
      study = accept(study, theirs).after();

      Decision.Accepted completed = accept(study, transition(ACQUISITION_COMPLETED, 80));

      assertThat(completed.outcome()).isEqualTo(Decision.Outcome.APPLIED);
      assertThat(completed.changes())
          .containsExactly(
              new Change.Applied(transition(ACQUISITION_COMPLETED, 80), at(80), false),
              new Change.Applied(ours, at(80), true),
              new Change.Observed(theirs, at(80), true));
      assertThat(completed.after().held()).isEmpty();
      assertThat(completed.after().exceptions()).isEmpty();
    }

    @Test
    void a_side_state_knows_only_what_every_way_into_it_passed() {
      Study missing =
          accept(acquired(), transition(TransitionType.IMAGES_MISSING_DETECTED, 85)).after();
      // images go missing only after the acquisition completed: a late report of it is known
      assertThat(accept(missing, transition(ACQUISITION_COMPLETED, 86)).outcome())
          .isEqualTo(Decision.Outcome.ALREADY_KNOWN);

      // a study may be cancelled straight after its order: nothing later is known there
      Study cancelled = apply(opened(scheduled()), transition(STUDY_CANCELLED, 10));
      assertThat(refuse(cancelled, transition(IDENTITY_VALIDATED, 11)).refusal())
          .isEqualTo(Decision.Refusal.ILLEGAL_TRANSITION);
    }

    @Test
    void reports_rejections_cancellations_and_compensations_are_never_observations() {
      Study reconciled = apply(acquired(), transition(CHARGE_SEEDED, 100));
      reconciled = apply(reconciled, transition(CLAIM_SUBMITTED, 110));
      reconciled = apply(reconciled, transition(CLAIM_ACCEPTED, 120));
      reconciled = apply(reconciled, transition(FINANCIALLY_RECONCILED, 130));
      assertThat(refuse(reconciled, transition(TransitionType.CLAIM_REJECTED, 131)).refusal())
          .isEqualTo(Decision.Refusal.ILLEGAL_TRANSITION);

      assertThat(
              Arrays.stream(TransitionType.values()).filter(TransitionType::isObservable).toList())
          .containsExactlyInAnyOrder(
              IDENTITY_VALIDATED,
              PROCEDURE_SCHEDULED,
              ACQUISITION_STARTED,
              ACQUISITION_COMPLETED,
              IMAGES_COMMITTED,
              CHARGE_SEEDED,
              CLAIM_SUBMITTED,
              CLAIM_ACCEPTED,
              FINANCIALLY_RECONCILED);
    }
  }

  @Nested
  class RejectedClaim {

    private Study rejected() {
      Study study = apply(acquired(), transition(IMAGES_COMMITTED, 90));
      study = apply(study, transition(REPORT_FINALISED, 100));
      study = apply(study, transition(REPORT_PUBLISHED, 105));
      study = apply(study, transition(CHARGE_SEEDED, 110));
      study = apply(study, transition(CLAIM_SUBMITTED, 120));
      return apply(study, transition(TransitionType.CLAIM_REJECTED, 130));
    }

    @Test
    void a_rejected_claim_puts_the_study_in_exception() {
      Study study = rejected();

      assertThat(study.administrative()).isEqualTo(AdministrativeState.CLAIM_EXCEPTION);
      assertThat(study.status().kind()).isEqualTo(Kind.IN_EXCEPTION);
      assertThat(study.status().reasons()).contains("the claim was rejected");
    }

    @Test
    void the_payer_reconsidering_accepts_it_and_the_study_can_be_reconciled() {
      Study study = rejected();

      Decision.Accepted accepted = accept(study, transition(CLAIM_ACCEPTED, 140));

      assertThat(accepted.outcome()).isEqualTo(Decision.Outcome.APPLIED);
      study = accepted.after();
      assertThat(study.administrative()).isEqualTo(AdministrativeState.CLAIM_ACCEPTED);
      assertThat(study.hasObserved(AdministrativeState.CLAIM_ACCEPTED)).isTrue();
      assertThat(study.status().kind()).isEqualTo(Kind.CLINICALLY_COMPLETE);
      study = apply(study, transition(FINANCIALLY_RECONCILED, 150));
      assertThat(study.status().kind()).isEqualTo(Kind.FINANCIALLY_COMPLETE);
    }

    @Test
    void a_rejected_claim_can_also_be_resubmitted_or_written_off_and_a_second_rejection_waits() {
      assertThat(apply(rejected(), transition(CLAIM_SUBMITTED, 140)).administrative())
          .isEqualTo(AdministrativeState.CLAIM_SUBMITTED);
      assertThat(apply(rejected(), transition(TransitionType.WRITTEN_OFF, 140)).administrative())
          .isEqualTo(AdministrativeState.WRITTEN_OFF);
      // A rejection follows only a submission, which may still come: held for a resubmission.
      Decision.Accepted again = accept(rejected(), transition(TransitionType.CLAIM_REJECTED, 140));
      assertThat(again.outcome()).isEqualTo(Decision.Outcome.HELD);
      assertThat(again.after().held())
          .singleElement()
          .extracting(HeldTransition::awaiting)
          .isEqualTo(AdministrativeState.CLAIM_SUBMITTED);
    }

    @Test
    void the_billing_systems_late_report_of_the_charge_is_already_known() {
      // a claim exception is entered only from a submitted claim, which needed the charge
      assertThat(accept(rejected(), transition(CHARGE_SEEDED, 140)).outcome())
          .isEqualTo(Decision.Outcome.ALREADY_KNOWN);
    }

    @Test
    void only_a_submitted_or_rejected_claim_can_be_accepted() {
      assertThat(CLAIM_ACCEPTED.from())
          .containsExactlyInAnyOrder(
              AdministrativeState.CLAIM_SUBMITTED, AdministrativeState.CLAIM_EXCEPTION);
      Study writtenOff = apply(rejected(), transition(TransitionType.WRITTEN_OFF, 140));
      assertThat(refuse(writtenOff, transition(CLAIM_ACCEPTED, 150)).refusal())
          .isEqualTo(Decision.Refusal.ILLEGAL_TRANSITION);
    }
  }

  @Nested
  class Refusals {

    @Test
    void an_illegal_transition_is_refused_naming_the_current_and_the_allowed_states() {
      Study study = opened(scheduled());
      study = apply(study, transition(IDENTITY_VALIDATED, 1));
      study = apply(study, transition(PROCEDURE_SCHEDULED, 2));

      Decision.Refused refused = refuse(study, transition(IDENTITY_REJECTED, 3));

      assertThat(refused.refusal()).isEqualTo(Decision.Refusal.ILLEGAL_TRANSITION);
      assertThat(refused.message())
          .isEqualTo(
              "IDENTITY_REJECTED cannot follow PROCEDURE_SCHEDULED on the clinical track;"
                  + " it follows only [ORDER_RECEIVED]");
    }

    @Test
    void a_preliminary_report_after_the_final_one_is_refused_not_held() {
      Study study = apply(acquired(), transition(IMAGES_COMMITTED, 90));
      study = apply(study, transition(REPORT_FINALISED, 100));

      Decision.Refused refused = refuse(study, transition(REPORT_PRELIMINARY, 110));

      assertThat(refused.message())
          .isEqualTo(
              "REPORT_PRELIMINARY cannot follow REPORT_FINALISED on the imaging track;"
                  + " it follows only [IMAGES_COMMITTED, REPORT_PRELIMINARY]");
    }

    @Test
    void an_event_that_would_be_early_is_refused_once_the_study_is_cancelled() {
      Study study = apply(opened(scheduled()), transition(STUDY_CANCELLED, 10));

      Decision.Refused refused = refuse(study, transition(ACQUISITION_COMPLETED, 20));

      assertThat(refused.refusal()).isEqualTo(Decision.Refusal.ILLEGAL_TRANSITION);
      assertThat(refused.message())
          .isEqualTo(
              "ACQUISITION_COMPLETED cannot follow CANCELLED on the imaging track of a cancelled"
                  + " study; it follows only [ACQUISITION_IN_PROGRESS]");
    }

    @Test
    void a_study_with_a_final_report_cannot_be_cancelled() {
      Study study = apply(acquired(), transition(IMAGES_COMMITTED, 90));
      study = apply(study, transition(REPORT_FINALISED, 100));

      Decision.Refused refused = refuse(study, transition(STUDY_CANCELLED, 110));

      assertThat(refused.refusal()).isEqualTo(Decision.Refusal.ILLEGAL_TRANSITION);
      assertThat(refused.message())
          .isEqualTo("a study with a final report cannot be cancelled; amend the report instead");

      Study amended = apply(study, transition(REPORT_AMENDED, 120));
      assertThat(refuse(amended, transition(STUDY_CANCELLED, 130)).message())
          .startsWith("a study with a final report cannot be cancelled");
    }

    @Test
    void superseding_needs_an_amended_report() {
      Study study = apply(opened(scheduled()), transition(IDENTITY_VALIDATED, 1));
      study = apply(study, transition(ACQUISITION_STARTED, 10));
      study = apply(study, transition(ACQUISITION_COMPLETED, 20));
      study = apply(study, transition(IMAGES_COMMITTED, 30));
      study = apply(study, transition(REPORT_FINALISED, 40));
      study = apply(study, transition(REPORT_PUBLISHED, 50));

      Decision.Refused refused = refuse(study, transition(TransitionType.REPORT_SUPERSEDED, 60));

      assertThat(refused.message())
          .isEqualTo("REPORT_SUPERSEDED needs an amended report; imaging is REPORT_FINALISED");
    }
  }

  @Nested
  class LateJoins {

    static Stream<Arguments> late_joins() {
      return Stream.of(
          Arguments.of(
              EntryKind.ENCOUNTER,
              ImagingState.ACQUISITION_IN_PROGRESS,
              List.of(ImagingState.ACQUISITION_IN_PROGRESS),
              ACQUISITION_COMPLETED),
          Arguments.of(
              EntryKind.DOWNTIME_RECOVERY,
              ImagingState.REPORT_PRELIMINARY,
              List.of(
                  ImagingState.ACQUISITION_IN_PROGRESS,
                  ImagingState.ACQUISITION_COMPLETE,
                  ImagingState.IMAGES_COMMITTED,
                  ImagingState.REPORT_PRELIMINARY),
              REPORT_FINALISED),
          Arguments.of(
              EntryKind.OUTSIDE_IMPORT,
              ImagingState.REPORT_FINALISED,
              List.of(
                  ImagingState.ACQUISITION_IN_PROGRESS,
                  ImagingState.ACQUISITION_COMPLETE,
                  ImagingState.IMAGES_COMMITTED,
                  ImagingState.REPORT_FINALISED),
              REPORT_AMENDED));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("late_joins")
    void a_late_join_starts_where_it_joined_with_the_earlier_facts_attested(
        EntryKind kind, ImagingState joinedAt, List<ImagingState> attested, TransitionType next) {
      Decision.Accepted created = (Decision.Accepted) rules.create(joining(kind, joinedAt));

      assertThat(created.changes().get(0).eventType()).isEqualTo("study.joined");
      Study study = created.after();
      assertThat(study.entryKind()).isEqualTo(kind);
      assertThat(study.imaging()).isEqualTo(joinedAt);
      assertThat(study.facts().get(0))
          .isEqualTo(new Fact(ClinicalState.ORDER_RECEIVED, Attestation.ATTESTED, Commands.T0));
      assertThat(study.facts().subList(1, study.facts().size()))
          .extracting(Fact::state)
          .containsExactlyElementsOf(attested);
      assertThat(study.facts()).allMatch(f -> f.attestation() == Attestation.ATTESTED);
      assertThat(study.hasObserved(joinedAt)).isFalse();
      assertThat(study.distribution())
          .isEqualTo(
              joinedAt.isReported() ? DistributionState.PENDING : DistributionState.NOT_REQUESTED);

      // The track continues from where the study joined, and radflow observes what follows.
      Study moved = apply(study, transition(next, 30));
      assertThat(moved.hasObserved(next.to())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("late_joins")
    void identity_is_never_attested_so_publication_and_claim_wait_for_radflow_to_validate_it(
        EntryKind kind, ImagingState joinedAt) {
      Study study = opened(joining(kind, joinedAt));
      study = apply(study, transition(CHARGE_SEEDED, 5));
      if (!joinedAt.isReported()) {
        study = reportFinalised(study);
      }
      assertThat(study.openObligations())
          .containsExactlyInAnyOrder(
              Obligation.IDENTITY_VALIDATED_BEFORE_PUBLICATION,
              Obligation.IDENTITY_VALIDATED_BEFORE_CLAIM);

      Decision.Refused publish = refuse(study, transition(REPORT_PUBLISHED, 100));
      Decision.Refused claim = refuse(study, transition(CLAIM_SUBMITTED, 100));

      assertThat(publish.refusal()).isEqualTo(Decision.Refusal.OBLIGATION_UNMET);
      assertThat(publish.message())
          .isEqualTo(
              "REPORT_PUBLISHED refused: identity must be validated by radflow before the report"
                  + " goes to the national record (the study joined as "
                  + kind
                  + " and its identity is not validated yet)");
      assertThat(claim.refusal()).isEqualTo(Decision.Refusal.OBLIGATION_UNMET);
      assertThat(claim.message())
          .contains("identity must be validated by radflow before a claim is submitted");

      study = apply(study, transition(IDENTITY_VALIDATED, 110));
      assertThat(study.openObligations()).isEmpty();
      study = apply(study, transition(REPORT_PUBLISHED, 120));
      study = apply(study, transition(CLAIM_SUBMITTED, 130));
      assertThat(study.distribution()).isEqualTo(DistributionState.PUBLISHED);
      assertThat(study.administrative()).isEqualTo(AdministrativeState.CLAIM_SUBMITTED);
    }

    private Study reportFinalised(Study study) {
      for (TransitionType type :
          List.of(ACQUISITION_STARTED, ACQUISITION_COMPLETED, IMAGES_COMMITTED, REPORT_FINALISED)) {
        if (type.from().contains(study.imaging())) {
          study = apply(study, transition(type, 50 + type.ordinal()));
        }
      }
      assertThat(study.imaging()).isEqualTo(ImagingState.REPORT_FINALISED);
      return study;
    }

    @Test
    void a_scheduled_study_owes_the_same_obligation_when_imaging_outruns_identity() {
      Study study = opened(scheduled());
      study = apply(study, transition(ACQUISITION_STARTED, 10));
      study = apply(study, transition(ACQUISITION_COMPLETED, 20));
      study = apply(study, transition(IMAGES_COMMITTED, 30));
      study = apply(study, transition(REPORT_FINALISED, 40));

      assertThat(refuse(study, transition(REPORT_PUBLISHED, 50)).refusal())
          .isEqualTo(Decision.Refusal.OBLIGATION_UNMET);
    }

    @Test
    void each_entry_kind_joins_only_at_its_own_states() {
      for (EntryKind kind : EntryKind.values()) {
        for (ImagingState state : ImagingState.values()) {
          Decision decision = rules.create(joining(kind, state));
          if (kind.joinableAt().contains(state)) {
            assertThat(decision).as("%s at %s", kind, state).isInstanceOf(Decision.Accepted.class);
          } else {
            assertThat(decision).as("%s at %s", kind, state).isInstanceOf(Decision.Refused.class);
            Decision.Refused refused = (Decision.Refused) decision;
            assertThat(refused.refusal()).isEqualTo(Decision.Refusal.INVALID);
            assertThat(refused.message())
                .startsWith(
                    "a " + kind + " study cannot join at " + state + "; it joins at one of");
          }
        }
      }
    }

    @Test
    void an_encounter_cannot_join_before_acquisition_began() {
      Decision.Refused refused =
          (Decision.Refused) rules.create(joining(EntryKind.ENCOUNTER, ImagingState.NOT_STARTED));

      assertThat(refused.message())
          .startsWith("a ENCOUNTER study cannot join at NOT_STARTED; it joins at one of [")
          .contains("ACQUISITION_IN_PROGRESS", "ACQUISITION_COMPLETE", "IMAGES_COMMITTED");
      assertThat(rules.create(joining(EntryKind.OUTSIDE_IMPORT, ImagingState.REPORT_PRELIMINARY)))
          .isInstanceOf(Decision.Refused.class);
    }
  }

  @Nested
  class Compensation {

    @Test
    void a_compensation_request_is_remembered_by_the_study_and_moves_no_track() {
      Study study = apply(opened(scheduled()), transition(IDENTITY_VALIDATED, 1));
      Transition request =
          new Transition(
              TransitionType.COMPENSATION_REQUESTED,
              "undo-1",
              at(5),
              at(5),
              Source.of("console"),
              "operator",
              Map.of("reason", "ordered for the wrong patient"),
              List.of());

      Study compensated = apply(study, request);

      assertThat(study.compensationRequested()).isFalse();
      assertThat(compensated.compensationRequested()).isTrue();
      assertThat(compensated.clinical()).isEqualTo(study.clinical());
      assertThat(compensated.facts()).isEqualTo(study.facts());
      assertThat(apply(compensated, transition(PROCEDURE_SCHEDULED, 6)).compensationRequested())
          .as("it stays requested")
          .isTrue();
    }
  }

  @Nested
  class PatientMerge {

    private final PatientRef surviving = new PatientRef("IHI", "8003608166690999");

    @Test
    void a_merge_re_parents_the_study_and_remembers_the_former_patients() {
      Study study = apply(opened(scheduled()), transition(IDENTITY_VALIDATED, 1));

      Study merged = apply(study, merge(surviving, "merge-1", 10));
      PatientRef third = new PatientRef("MRN", "55501");
      Study mergedAgain = apply(merged, merge(third, "merge-2", 20));

      assertThat(merged.patient()).isEqualTo(surviving);
      assertThat(merged.mergedFrom()).containsExactly(PATIENT);
      assertThat(mergedAgain.patient()).isEqualTo(third);
      assertThat(mergedAgain.mergedFrom()).containsExactly(PATIENT, surviving);
      // A merge moves no track and records no track fact.
      assertThat(mergedAgain.clinical()).isEqualTo(study.clinical());
      assertThat(mergedAgain.imaging()).isEqualTo(study.imaging());
      assertThat(mergedAgain.facts()).isEqualTo(study.facts());
      assertThat(mergedAgain.version()).isEqualTo(study.version() + 2);
    }

    @Test
    void merging_into_the_patient_the_study_already_has_is_refused() {
      Study study = opened(scheduled());

      Decision.Refused refused = refuse(study, merge(PATIENT, "merge-1", 10));

      assertThat(refused.refusal()).isEqualTo(Decision.Refusal.INVALID);
      assertThat(refused.message())
          .isEqualTo("the study already belongs to patient IHI/8003608166690503; nothing to merge");
    }

    @Test
    void a_merge_without_the_surviving_identity_is_not_a_valid_transition() {
      assertThatThrownBy(
              () ->
                  new Transition(
                      TransitionType.PATIENT_MERGED,
                      "merge-1",
                      at(1),
                      at(1),
                      Source.of("pas"),
                      "hl7-inbound",
                      Map.of("survivingAuthority", "IHI"),
                      List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("PATIENT_MERGED needs data.survivingId");
    }
  }

  @Nested
  class RecordValidation {

    @Test
    void records_name_the_offending_field() {
      assertThatThrownBy(() -> new BusinessKey("RAD-HOSP", " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("accessionNumber must not be blank");
      assertThatThrownBy(() -> new BusinessKey(null, "ACC-1"))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("assigningAuthority must be present");
      assertThatThrownBy(() -> new PatientRef("IHI", "x".repeat(65)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("patient.id must be at most 64 characters, was 65");
      assertThatThrownBy(() -> transition(IMAGES_COMMITTED, "", at(1), at(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("idempotencyKey must not be blank");
      assertThatThrownBy(() -> transition(IMAGES_COMMITTED, "k", null, at(1)))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("businessTime must be present");
      assertThatThrownBy(() -> new Source("ris", "m".repeat(257)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("source.messageRef must be at most 256 characters");
      assertThatThrownBy(() -> new Reference("report-document", null, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("reference.uri must be present");
      assertThatThrownBy(
              () ->
                  new NewStudy(
                      Commands.STUDY_ID,
                      Commands.ACCESSION,
                      PATIENT,
                      EntryKind.SCHEDULED,
                      null,
                      Commands.T0,
                      null,
                      Source.of("ris"),
                      "hl7-inbound",
                      null,
                      null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("recordTime must be present");
      assertThatThrownBy(() -> StudyId.parse("ACC-123"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("study id 'ACC-123' is not a UUID");
    }

    @Test
    void the_hold_limit_must_be_positive() {
      assertThatThrownBy(() -> new StudyRules(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("holdLimit must be positive, was PT0S");
      assertThatThrownBy(() -> new StudyRules(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("holdLimit must be present");
    }

    @Test
    void a_new_study_without_a_join_state_starts_at_the_beginning() {
      NewStudy command =
          new NewStudy(
              Commands.STUDY_ID,
              Commands.ACCESSION,
              PATIENT,
              EntryKind.SCHEDULED,
              null,
              Commands.T0,
              Commands.T0,
              Source.of("ris"),
              "hl7-inbound",
              null,
              null);

      assertThat(command.joinedAt()).isEqualTo(ImagingState.NOT_STARTED);
      assertThat(command.attributes()).isEmpty();
      assertThat(command.references()).isEmpty();
    }
  }

  @Nested
  class Fingerprint {

    private final Transition original =
        new Transition(
            REPORT_FINALISED,
            "report-final-1",
            at(100),
            at(101),
            new Source("ris", "MSG-1"),
            "dr-who",
            Map.of("reportStatus", "F"),
            List.of(new Reference("report-document", "blob://reports/1", "sha256:abc")));

    private Transition with(
        Instant businessTime, Map<String, String> data, List<Reference> references) {
      return new Transition(
          original.type(),
          original.idempotencyKey(),
          businessTime,
          original.recordTime(),
          original.source(),
          original.actor(),
          data,
          references);
    }

    @Test
    void a_re_sent_message_has_the_same_fingerprint() {
      Transition resent = Commands.resent(original, "MSG-2-RETRY", "hl7-inbound", at(500));

      assertThat(resent).isNotEqualTo(original);
      assertThat(resent.fingerprint()).isEqualTo(original.fingerprint());
    }

    @Test
    void business_content_changes_the_fingerprint() {
      assertThat(with(at(99), original.data(), original.references()).fingerprint())
          .isNotEqualTo(original.fingerprint());
      assertThat(with(at(100), Map.of("reportStatus", "C"), original.references()).fingerprint())
          .isNotEqualTo(original.fingerprint());
      assertThat(
              with(
                      at(100),
                      original.data(),
                      List.of(new Reference("report-document", "blob://reports/1", "sha256:def")))
                  .fingerprint())
          .isNotEqualTo(original.fingerprint());
      assertThat(
              new Transition(
                      REPORT_AMENDED,
                      original.idempotencyKey(),
                      original.businessTime(),
                      original.recordTime(),
                      original.source(),
                      original.actor(),
                      original.data(),
                      original.references())
                  .fingerprint())
          .isNotEqualTo(original.fingerprint());
    }

    @Test
    void data_order_does_not_matter() {
      Transition a = with(at(100), Map.of("x", "1", "y", "2"), List.of());
      Transition b = with(at(100), Map.of("y", "2", "x", "1"), List.of());

      assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(64);
    }
  }
}
