package org.radflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.radflow.study.TransitionType.ACQUISITION_COMPLETED;
import static org.radflow.study.TransitionType.ACQUISITION_STARTED;
import static org.radflow.study.TransitionType.CHARGE_SEEDED;
import static org.radflow.study.TransitionType.CLAIM_ACCEPTED;
import static org.radflow.study.TransitionType.CLAIM_REJECTED;
import static org.radflow.study.TransitionType.CLAIM_SUBMITTED;
import static org.radflow.study.TransitionType.COMPENSATION_REQUESTED;
import static org.radflow.study.TransitionType.EXCEPTION_RAISED;
import static org.radflow.study.TransitionType.FINANCIALLY_RECONCILED;
import static org.radflow.study.TransitionType.IDENTITY_REJECTED;
import static org.radflow.study.TransitionType.IDENTITY_VALIDATED;
import static org.radflow.study.TransitionType.IMAGES_COMMITTED;
import static org.radflow.study.TransitionType.IMAGES_MISSING_DETECTED;
import static org.radflow.study.TransitionType.PROCEDURE_SCHEDULED;
import static org.radflow.study.TransitionType.REPORT_AMENDED;
import static org.radflow.study.TransitionType.REPORT_FINALISED;
import static org.radflow.study.TransitionType.REPORT_PRELIMINARY;
import static org.radflow.study.TransitionType.REPORT_PUBLISHED;
import static org.radflow.study.TransitionType.REPORT_SUPERSEDED;
import static org.radflow.study.TransitionType.STEP_COMPLETED;
import static org.radflow.study.TransitionType.STUDY_CANCELLED;
import static org.radflow.workflow.Studies.applyEffects;
import static org.radflow.workflow.Studies.joining;
import static org.radflow.workflow.Studies.scheduledThrough;
import static org.radflow.workflow.Studies.study;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.radflow.study.AdministrativeState;
import org.radflow.study.ClinicalState;
import org.radflow.study.DistributionState;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.OpenException;
import org.radflow.study.Study;
import org.radflow.study.TransitionType;

/** What each step's outcome means for its study, checked against the real study rules. */
class StepRulesTest {

  private static final String STEP = "step-7";

  // ---- studies at the states where steps run ----

  private static Study ordered() {
    return scheduledThrough();
  }

  private static Study validated() {
    return scheduledThrough(IDENTITY_VALIDATED);
  }

  private static Study acquired() {
    return scheduledThrough(
        IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, ACQUISITION_STARTED, ACQUISITION_COMPLETED);
  }

  private static Study committed() {
    return through(acquiredPath(), IMAGES_COMMITTED);
  }

  private static Study finalised() {
    return through(acquiredPath(), IMAGES_COMMITTED, REPORT_FINALISED);
  }

  private static Study publishedThenAmended() {
    return through(
        acquiredPath(), IMAGES_COMMITTED, REPORT_FINALISED, REPORT_PUBLISHED, REPORT_AMENDED);
  }

  private static Study superseded() {
    return through(
        acquiredPath(),
        IMAGES_COMMITTED,
        REPORT_FINALISED,
        REPORT_PUBLISHED,
        REPORT_AMENDED,
        REPORT_SUPERSEDED);
  }

  private static Study seeded() {
    return through(acquiredPath(), IMAGES_COMMITTED, REPORT_FINALISED, CHARGE_SEEDED);
  }

  private static Study claimSubmitted() {
    return through(
        acquiredPath(), IMAGES_COMMITTED, REPORT_FINALISED, CHARGE_SEEDED, CLAIM_SUBMITTED);
  }

  private static Study claimAccepted() {
    return through(
        acquiredPath(),
        IMAGES_COMMITTED,
        REPORT_FINALISED,
        CHARGE_SEEDED,
        CLAIM_SUBMITTED,
        CLAIM_ACCEPTED);
  }

  private static Study claimRejected() {
    return through(
        acquiredPath(),
        IMAGES_COMMITTED,
        REPORT_FINALISED,
        CHARGE_SEEDED,
        CLAIM_SUBMITTED,
        CLAIM_REJECTED);
  }

  private static Study writtenOff() {
    return through(
        acquiredPath(),
        IMAGES_COMMITTED,
        REPORT_FINALISED,
        CHARGE_SEEDED,
        CLAIM_SUBMITTED,
        CLAIM_REJECTED,
        TransitionType.WRITTEN_OFF);
  }

  private static Study compensated() {
    return through(acquiredPath(), IMAGES_COMMITTED, REPORT_FINALISED, COMPENSATION_REQUESTED);
  }

  private static Study cancelled() {
    return scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, STUDY_CANCELLED);
  }

  private static TransitionType[] acquiredPath() {
    return new TransitionType[] {
      IDENTITY_VALIDATED, PROCEDURE_SCHEDULED, ACQUISITION_STARTED, ACQUISITION_COMPLETED
    };
  }

  private static Study through(TransitionType[] start, TransitionType... more) {
    TransitionType[] path = Arrays.copyOf(start, start.length + more.length);
    System.arraycopy(more, 0, path, start.length, more.length);
    return scheduledThrough(path);
  }

  /** The blocker an hour after the study's last change, with a day's IHI validity. */
  private static Optional<Verdict> blocker(StepKind kind, Study study) {
    return StepRules.blocker(kind, study, Studies.at(60), java.time.Duration.ofHours(24));
  }

  private static Effect effect(TransitionType type, String... keysAndValues) {
    return Effect.of(type, keysAndValues);
  }

  private static Effect recorded(StepKind kind, String ref) {
    return effect(STEP_COMPLETED, "step", STEP, "kind", kind.name(), "ref", ref);
  }

  private static List<StepKind> callingKinds() {
    return Arrays.stream(StepKind.values()).filter(k -> !k.isTimer()).toList();
  }

  @Nested
  class Done {

    static Stream<Arguments> every_call_that_succeeds() {
      return Stream.of(
          Arguments.of(
              StepKind.VALIDATE_IDENTITY,
              (Supplier<Study>) StepRulesTest::ordered,
              new Answer.Done(
                  "ihi-lookup-1",
                  Map.of(
                      "ihi",
                      "8003608166690503",
                      "numberStatus",
                      "ACTIVE",
                      "recordStatus",
                      "VERIFIED")),
              effect(
                  IDENTITY_VALIDATED,
                  "ihi",
                  "8003608166690503",
                  "numberStatus",
                  "ACTIVE",
                  "recordStatus",
                  "VERIFIED")),
          Arguments.of(
              StepKind.RESERVE_SLOT,
              (Supplier<Study>) StepRulesTest::validated,
              new Answer.Done("slot-9", Map.of()),
              effect(PROCEDURE_SCHEDULED, "slot", "slot-9")),
          Arguments.of(
              StepKind.CREATE_WORKLIST_ENTRY,
              (Supplier<Study>) StepRulesTest::validated,
              new Answer.Done("mwl-3", Map.of()),
              recorded(StepKind.CREATE_WORKLIST_ENTRY, "mwl-3")),
          Arguments.of(
              StepKind.CONFIRM_STORAGE_COMMITMENT,
              (Supplier<Study>) StepRulesTest::acquired,
              new Answer.Done("pacs-1", Map.of("committed", "true")),
              effect(IMAGES_COMMITTED, "archive", "pacs-1")),
          Arguments.of(
              StepKind.PUBLISH_REPORT,
              (Supplier<Study>) StepRulesTest::finalised,
              new Answer.Done("doc-1", Map.of()),
              effect(REPORT_PUBLISHED, "document", "doc-1")),
          Arguments.of(
              StepKind.SUPERSEDE_REPORT,
              (Supplier<Study>) StepRulesTest::publishedThenAmended,
              new Answer.Done("doc-2", Map.of()),
              effect(REPORT_SUPERSEDED, "document", "doc-2")),
          Arguments.of(
              StepKind.REMOVE_MISFILED_DOCUMENT,
              (Supplier<Study>) StepRulesTest::superseded,
              new Answer.Done("doc-2", Map.of("status", "REMOVED")),
              effect(
                  TransitionType.REPORT_REMOVED,
                  "document",
                  "doc-2",
                  "reason",
                  "INCORRECT_IDENTITY")),
          Arguments.of(
              StepKind.SEED_CHARGE,
              (Supplier<Study>) StepRulesTest::finalised,
              new Answer.Done("charge-1", Map.of()),
              effect(CHARGE_SEEDED, "charge", "charge-1")),
          Arguments.of(
              StepKind.SUBMIT_CLAIM,
              (Supplier<Study>) StepRulesTest::seeded,
              new Answer.Done("claim-1", Map.of()),
              effect(CLAIM_SUBMITTED, "claim", "claim-1")),
          Arguments.of(
              StepKind.FETCH_CLAIM_ANSWER,
              (Supplier<Study>) StepRulesTest::claimSubmitted,
              new Answer.Done("claim-1", Map.of("status", "ACCEPTED")),
              effect(CLAIM_ACCEPTED, "claim", "claim-1")),
          Arguments.of(
              StepKind.RECONCILE,
              (Supplier<Study>) StepRulesTest::claimAccepted,
              new Answer.Done("claim-1", Map.of()),
              effect(FINANCIALLY_RECONCILED, "claim", "claim-1")),
          Arguments.of(
              StepKind.RELEASE_SLOT,
              (Supplier<Study>) StepRulesTest::cancelled,
              new Answer.Done("slot-9", Map.of()),
              recorded(StepKind.RELEASE_SLOT, "slot-9")),
          Arguments.of(
              StepKind.REMOVE_WORKLIST_ENTRY,
              (Supplier<Study>) StepRulesTest::cancelled,
              new Answer.Done("mwl-3", Map.of()),
              recorded(StepKind.REMOVE_WORKLIST_ENTRY, "mwl-3")),
          Arguments.of(
              StepKind.REMOVE_DOCUMENT,
              (Supplier<Study>) StepRulesTest::cancelled,
              new Answer.Done("doc-1", Map.of()),
              recorded(StepKind.REMOVE_DOCUMENT, "doc-1")),
          Arguments.of(
              StepKind.REVERSE_CHARGE,
              (Supplier<Study>) StepRulesTest::cancelled,
              new Answer.Done("charge-1", Map.of()),
              recorded(StepKind.REVERSE_CHARGE, "charge-1")));
    }

    @Test
    void the_table_covers_every_step_that_makes_a_call() {
      assertThat(every_call_that_succeeds().map(a -> (StepKind) a.get()[0]))
          .containsExactlyInAnyOrderElementsOf(callingKinds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every_call_that_succeeds")
    void completes_with_its_documented_effect_which_the_study_rules_apply(
        StepKind kind, Supplier<Study> runsAt, Answer.Done answer, Effect expected) {
      Study study = runsAt.get();

      Verdict verdict = StepRules.judge(kind, STEP, answer, study);

      assertThat(verdict).isEqualTo(new Verdict.Complete(answer.ref(), List.of(expected)));
      applyEffects(study, List.of(expected), 500);
    }

    @Test
    void an_identity_answer_without_its_statuses_is_asked_again() {
      Verdict verdict =
          StepRules.judge(
              StepKind.VALIDATE_IDENTITY, STEP, new Answer.Done("ihi-77", Map.of()), ordered());

      assertThat(verdict).isInstanceOf(Verdict.Retry.class);
    }

    @Test
    void storage_not_yet_committed_is_asked_again() {
      for (Map<String, String> data :
          List.of(Map.of("committed", "false"), Map.<String, String>of())) {
        assertThat(
                StepRules.judge(
                    StepKind.CONFIRM_STORAGE_COMMITMENT,
                    STEP,
                    new Answer.Done("pacs-1", data),
                    acquired()))
            .as("answer %s", data)
            .isInstanceOf(Verdict.Retry.class);
      }
    }

    @Test
    void a_claim_still_pending_is_asked_again() {
      for (Map<String, String> data :
          List.of(Map.of("status", "PENDING"), Map.<String, String>of())) {
        assertThat(
                StepRules.judge(
                    StepKind.FETCH_CLAIM_ANSWER,
                    STEP,
                    new Answer.Done("claim-1", data),
                    claimSubmitted()))
            .as("answer %s", data)
            .isEqualTo(new Verdict.Retry("billing has not answered claim claim-1 yet"));
      }
    }

    @Test
    void a_rejected_claim_fails_for_a_person_with_the_payers_reason_and_what_to_do() {
      Study study = claimSubmitted();

      Verdict verdict =
          StepRules.judge(
              StepKind.FETCH_CLAIM_ANSWER,
              STEP,
              new Answer.Done("claim-1", Map.of("status", "REJECTED", "reason", "not covered")),
              study);

      String reason =
          "FETCH_CLAIM_ANSWER: the payer rejected claim claim-1: not covered. Correct the claim"
              + " with the payer, then redrive this step; or write the charge off";
      assertThat(verdict)
          .isEqualTo(
              new Verdict.Fail(
                  reason,
                  List.of(
                      effect(CLAIM_REJECTED, "claim", "claim-1", "reason", "not covered"),
                      effect(
                          EXCEPTION_RAISED,
                          "kind",
                          "STEP_FAILED",
                          "reason",
                          reason,
                          "step",
                          STEP))));
      Study after = applyEffects(study, ((Verdict.Fail) verdict).effects(), 500);
      assertThat(after.administrative()).isEqualTo(AdministrativeState.CLAIM_EXCEPTION);
      assertThat(after.exceptions())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.kind()).isEqualTo(OpenException.Kind.STEP_FAILED);
                assertThat(e.step()).isEqualTo(STEP);
                assertThat(e.reason()).isEqualTo(reason);
              });
    }

    @Test
    void a_rejected_claim_without_a_reason_still_says_why() {
      Verdict.Fail fail =
          (Verdict.Fail)
              StepRules.judge(
                  StepKind.FETCH_CLAIM_ANSWER,
                  STEP,
                  new Answer.Done("claim-1", Map.of("status", "REJECTED")),
                  claimSubmitted());

      assertThat(fail.effects().get(0))
          .isEqualTo(effect(CLAIM_REJECTED, "claim", "claim-1", "reason", "rejected by the payer"));
      assertThat(fail.reason()).contains("claim-1: rejected by the payer.");
    }

    @Test
    void a_claim_rejected_again_on_a_redrive_only_raises_a_new_exception() {
      Study rejected = claimRejected();

      Verdict.Fail fail =
          (Verdict.Fail)
              StepRules.judge(
                  StepKind.FETCH_CLAIM_ANSWER,
                  STEP,
                  new Answer.Done("claim-1", Map.of("status", "REJECTED", "reason", "still no")),
                  rejected);

      assertThat(fail.effects()).extracting(Effect::type).containsExactly(EXCEPTION_RAISED);
      assertThat(fail.effects().get(0).data())
          .containsEntry("kind", "STEP_FAILED")
          .containsEntry("step", STEP)
          .hasEntrySatisfying("reason", r -> assertThat(r).contains("still no", "redrive"));
      assertThat(applyEffects(rejected, fail.effects(), 500).administrative())
          .isEqualTo(AdministrativeState.CLAIM_EXCEPTION);
    }

    @Test
    void a_claim_accepted_on_a_redrive_after_its_rejection_is_accepted_and_reconciles() {
      Study rejected = claimRejected();

      Verdict verdict =
          StepRules.judge(
              StepKind.FETCH_CLAIM_ANSWER,
              STEP,
              new Answer.Done("claim-1", Map.of("status", "ACCEPTED")),
              rejected);

      assertThat(verdict)
          .isEqualTo(
              new Verdict.Complete("claim-1", List.of(effect(CLAIM_ACCEPTED, "claim", "claim-1"))));
      Study accepted = applyEffects(rejected, ((Verdict.Complete) verdict).effects(), 500);
      assertThat(accepted.administrative()).isEqualTo(AdministrativeState.CLAIM_ACCEPTED);
      Verdict reconciled =
          StepRules.judge(StepKind.RECONCILE, STEP, new Answer.Done("claim-1", Map.of()), accepted);
      assertThat(
              applyEffects(accepted, ((Verdict.Complete) reconciled).effects(), 510)
                  .administrative())
          .isEqualTo(AdministrativeState.FINANCIALLY_RECONCILED);
    }

    @Test
    void a_claim_still_pending_on_a_redrive_is_asked_again_later() {
      assertThat(
              StepRules.judge(
                  StepKind.FETCH_CLAIM_ANSWER,
                  STEP,
                  new Answer.Done("claim-1", Map.of("status", "PENDING")),
                  claimRejected()))
          .isEqualTo(new Verdict.Retry("billing has not answered claim claim-1 yet"));
    }

    @ParameterizedTest
    @EnumSource(
        value = StepKind.class,
        names = {"IMAGES_COMMIT_DEADLINE", "REPORT_TURNAROUND_DEADLINE", "CLAIM_RESPONSE_DEADLINE"})
    void a_timer_makes_no_call_to_judge(StepKind timer) {
      assertThatThrownBy(
              () -> StepRules.judge(timer, STEP, new Answer.Done("x", Map.of()), acquired()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class NotDone {

    static Stream<StepKind> calling() {
      return callingKinds().stream();
    }

    @ParameterizedTest
    @MethodSource("calling")
    void a_refusal_fails_the_step_into_the_exception_lane_naming_it(StepKind kind) {
      Study study = scheduledThrough(IDENTITY_VALIDATED, PROCEDURE_SCHEDULED);

      Verdict verdict =
          StepRules.judge(kind, STEP, new Answer.Refused("E42", "not allowed today"), study);

      String exceptionKind =
          kind.isUndo()
              ? OpenException.Kind.COMPENSATION_FAILED.name()
              : OpenException.Kind.STEP_FAILED.name();
      assertThat(verdict)
          .isInstanceOfSatisfying(
              Verdict.Fail.class,
              fail -> {
                assertThat(fail.reason())
                    .contains(
                        kind.name(),
                        kind.service().orElseThrow().description(),
                        "not allowed today",
                        "E42");
                Effect raised =
                    effect(
                        EXCEPTION_RAISED,
                        "kind",
                        exceptionKind,
                        "reason",
                        fail.reason(),
                        "step",
                        STEP);
                if (kind == StepKind.VALIDATE_IDENTITY) {
                  // a revalidation that fails leaves the study with no IHI it may use
                  assertThat(fail.effects())
                      .containsExactly(
                          effect(
                              TransitionType.IDENTITY_INVALIDATED,
                              "code",
                              "E42",
                              "reason",
                              "not allowed today"),
                          raised);
                } else {
                  assertThat(fail.effects()).containsExactly(raised);
                }
                Study after = applyEffects(study, fail.effects(), 500);
                assertThat(after.exceptions())
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.kind().name()).isEqualTo(exceptionKind);
                          assertThat(e.step()).isEqualTo(STEP);
                        });
              });
    }

    @Test
    void identity_refused_for_a_new_order_rejects_the_identity_first() {
      Study study = ordered();

      Verdict verdict =
          StepRules.judge(
              StepKind.VALIDATE_IDENTITY, STEP, new Answer.Refused("NF", "no such IHI"), study);

      Verdict.Fail fail = (Verdict.Fail) verdict;
      assertThat(fail.effects())
          .extracting(Effect::type)
          .containsExactly(IDENTITY_REJECTED, EXCEPTION_RAISED);
      assertThat(fail.effects().get(0))
          .isEqualTo(effect(IDENTITY_REJECTED, "reason", "no such IHI"));
      assertThat(fail.effects().get(1).data())
          .containsEntry("kind", "STEP_FAILED")
          .containsEntry("step", STEP);
      Study after = applyEffects(study, fail.effects(), 500);
      assertThat(after.clinical()).isEqualTo(ClinicalState.IDENTITY_EXCEPTION);
      assertThat(after.exceptions())
          .singleElement()
          .extracting(OpenException::step)
          .isEqualTo(STEP);
    }

    @Test
    void identity_refused_again_on_a_redrive_only_raises_the_exception() {
      Study rejected = scheduledThrough(IDENTITY_REJECTED);

      Verdict.Fail fail =
          (Verdict.Fail)
              StepRules.judge(
                  StepKind.VALIDATE_IDENTITY,
                  STEP,
                  new Answer.Refused("NF", "no such IHI"),
                  rejected);

      assertThat(fail.effects()).extracting(Effect::type).containsExactly(EXCEPTION_RAISED);
      applyEffects(rejected, fail.effects(), 500);
    }

    @ParameterizedTest
    @MethodSource("calling")
    void a_fault_or_an_unreachable_system_is_retried(StepKind kind) {
      Study study = validated();

      assertThat(StepRules.judge(kind, STEP, new Answer.Failed("HTTP 503"), study))
          .isEqualTo(new Verdict.Retry("HTTP 503"));
      assertThat(StepRules.judge(kind, STEP, new Answer.Unavailable("connect timed out"), study))
          .isEqualTo(new Verdict.Retry("connect timed out"));
    }

    @ParameterizedTest
    @MethodSource("calling")
    void a_step_out_of_attempts_fails_naming_itself_and_its_last_error(StepKind kind) {
      Verdict.Fail fail = (Verdict.Fail) StepRules.exhausted(kind, STEP, 8, "HTTP 503");

      assertThat(fail.reason()).contains(kind.name(), "8 attempts", "HTTP 503");
      assertThat(fail.effects())
          .containsExactly(
              effect(
                  EXCEPTION_RAISED,
                  "kind",
                  kind.isUndo() ? "COMPENSATION_FAILED" : "STEP_FAILED",
                  "reason",
                  fail.reason(),
                  "step",
                  STEP));
    }
  }

  @Nested
  class Blocker {

    @ParameterizedTest
    @EnumSource(StepKind.class)
    void forward_steps_of_a_cancelled_study_are_moot_and_undos_never_are(StepKind kind) {
      Optional<Verdict> blocker = blocker(kind, cancelled());

      switch (kind.role()) {
        case FORWARD ->
            assertThat(blocker)
                .hasValueSatisfying(
                    v ->
                        assertThat(v)
                            .isInstanceOfSatisfying(
                                Verdict.Moot.class,
                                m -> assertThat(m.reason()).contains(kind.name())));
        case UNDO -> assertThat(blocker).isEmpty();
        case TIMER -> assertThat(blocker).isEmpty();
      }
    }

    @ParameterizedTest
    @EnumSource(
        value = StepKind.class,
        names = {"PUBLISH_REPORT", "SUBMIT_CLAIM"})
    void publishing_and_claiming_wait_for_identity_validated_by_radflow(StepKind kind) {
      Study joined = study(joining(EntryKind.OUTSIDE_IMPORT, ImagingState.REPORT_FINALISED));

      assertThat(blocker(kind, joined))
          .hasValueSatisfying(v -> assertThat(v).isInstanceOf(Verdict.Wait.class));

      Study validated =
          study(
              joining(EntryKind.OUTSIDE_IMPORT, ImagingState.REPORT_FINALISED), IDENTITY_VALIDATED);
      assertThat(blocker(kind, validated)).isEmpty();
    }

    @Test
    void superseding_waits_until_the_report_is_published() {
      Study amendedUnpublished =
          through(acquiredPath(), IMAGES_COMMITTED, REPORT_FINALISED, REPORT_AMENDED);
      assertThat(amendedUnpublished.distribution()).isEqualTo(DistributionState.PENDING);

      assertThat(blocker(StepKind.SUPERSEDE_REPORT, amendedUnpublished))
          .hasValue(new Verdict.Wait("the report is not published yet"));
      assertThat(blocker(StepKind.SUPERSEDE_REPORT, publishedThenAmended())).isEmpty();
      assertThat(blocker(StepKind.SUPERSEDE_REPORT, superseded())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StepKind.class)
    void nothing_blocks_a_step_of_a_validated_study_with_a_published_report(StepKind kind) {
      Study study = publishedThenAmended();

      assertThat(blocker(kind, study)).isEmpty();
    }
  }

  @Nested
  class Timers {

    private static Effect missed(String reason) {
      return effect(EXCEPTION_RAISED, "kind", "DEADLINE_MISSED", "reason", reason, "step", STEP);
    }

    private static final Verdict NOTHING = new Verdict.Complete(null, List.of());

    @Test
    void images_not_committed_in_time_are_missing_and_the_deadline_is_missed() {
      Study study = acquired();

      Verdict verdict = StepRules.fire(StepKind.IMAGES_COMMIT_DEADLINE, STEP, study);

      assertThat(verdict)
          .isEqualTo(
              new Verdict.Complete(
                  null,
                  List.of(
                      effect(IMAGES_MISSING_DETECTED),
                      missed("the image archive did not commit the images in time"))));
      Study after = applyEffects(study, ((Verdict.Complete) verdict).effects(), 90);
      assertThat(after.imaging()).isEqualTo(ImagingState.IMAGES_MISSING);
      assertThat(after.exceptions())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.kind()).isEqualTo(OpenException.Kind.DEADLINE_MISSED);
                assertThat(e.step()).isEqualTo(STEP);
              });
    }

    @Test
    void images_committed_or_cancelled_in_time_miss_nothing() {
      for (Study study : List.of(committed(), finalised(), cancelled())) {
        assertThat(StepRules.fire(StepKind.IMAGES_COMMIT_DEADLINE, STEP, study))
            .as("imaging %s", study.imaging())
            .isEqualTo(NOTHING);
      }
    }

    @Test
    void a_report_not_final_within_its_turnaround_misses_the_deadline() {
      Study preliminary = through(acquiredPath(), IMAGES_COMMITTED, REPORT_PRELIMINARY);
      for (Study study : List.of(committed(), preliminary)) {
        Verdict verdict = StepRules.fire(StepKind.REPORT_TURNAROUND_DEADLINE, STEP, study);

        assertThat(verdict)
            .as("imaging %s", study.imaging())
            .isEqualTo(
                new Verdict.Complete(
                    null,
                    List.of(missed("the report was not finalised within its turnaround target"))));
        applyEffects(study, ((Verdict.Complete) verdict).effects(), 900);
      }
    }

    @Test
    void a_report_finalised_or_a_study_cancelled_in_time_misses_nothing() {
      Study cancelledAfterImages = through(acquiredPath(), IMAGES_COMMITTED, STUDY_CANCELLED);
      Study amended = publishedThenAmended();
      for (Study study : List.of(finalised(), amended, cancelledAfterImages)) {
        assertThat(StepRules.fire(StepKind.REPORT_TURNAROUND_DEADLINE, STEP, study))
            .as("imaging %s", study.imaging())
            .isEqualTo(NOTHING);
      }
    }

    @Test
    void a_claim_unanswered_in_time_misses_the_deadline() {
      Study study = claimSubmitted();

      Verdict verdict = StepRules.fire(StepKind.CLAIM_RESPONSE_DEADLINE, STEP, study);

      assertThat(verdict)
          .isEqualTo(
              new Verdict.Complete(
                  null, List.of(missed("billing did not answer the claim in time"))));
      applyEffects(study, ((Verdict.Complete) verdict).effects(), 900);
    }

    @Test
    void a_claim_answered_in_time_misses_nothing() {
      Study rejected =
          through(
              acquiredPath(),
              IMAGES_COMMITTED,
              REPORT_FINALISED,
              CHARGE_SEEDED,
              CLAIM_SUBMITTED,
              CLAIM_REJECTED);
      for (Study study : List.of(claimAccepted(), rejected)) {
        assertThat(StepRules.fire(StepKind.CLAIM_RESPONSE_DEADLINE, STEP, study))
            .as("administrative %s", study.administrative())
            .isEqualTo(NOTHING);
      }
    }

    @Test
    void only_a_timer_fires() {
      for (StepKind kind : callingKinds()) {
        assertThatThrownBy(() -> StepRules.fire(kind, STEP, acquired()))
            .as("%s", kind)
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Nested
  class Redrive {

    @Test
    void only_a_failed_step_can_be_redriven() {
      for (String status : List.of("PENDING", "RUNNING", "SUCCEEDED", "CANCELLED", "SUSPENDED")) {
        assertThat(StepRules.redriveRefusal(StepKind.PUBLISH_REPORT, status, finalised()))
            .as(status)
            .hasValueSatisfying(r -> assertThat(r).contains("only a failed step", status));
      }
    }

    @Test
    void a_failed_forward_step_of_a_live_study_can_be_redriven() {
      assertThat(StepRules.redriveRefusal(StepKind.PUBLISH_REPORT, "FAILED", finalised()))
          .isEmpty();
    }

    @Test
    void a_failed_forward_step_of_a_cancelled_study_cannot() {
      assertThat(StepRules.redriveRefusal(StepKind.RESERVE_SLOT, "FAILED", cancelled()))
          .hasValueSatisfying(r -> assertThat(r).contains("cancelled", "RESERVE_SLOT"));
    }

    @Test
    void a_failed_forward_step_of_a_compensated_study_cannot() {
      assertThat(StepRules.redriveRefusal(StepKind.PUBLISH_REPORT, "FAILED", compensated()))
          .hasValueSatisfying(r -> assertThat(r).contains("compensated"));
    }

    @Test
    void a_claim_answer_failed_by_a_rejection_can_be_redriven() {
      assertThat(StepRules.redriveRefusal(StepKind.FETCH_CLAIM_ANSWER, "FAILED", claimRejected()))
          .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
        value = StepKind.class,
        names = {"SEED_CHARGE", "SUBMIT_CLAIM", "FETCH_CLAIM_ANSWER", "RECONCILE"})
    void a_billing_step_cannot_be_redriven_once_the_charge_was_written_off(StepKind kind) {
      assertThat(StepRules.redriveRefusal(kind, "FAILED", writtenOff()))
          .hasValueSatisfying(r -> assertThat(r).contains("written off", kind.name()));
      assertThat(StepRules.redriveRefusal(StepKind.PUBLISH_REPORT, "FAILED", writtenOff()))
          .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
        value = StepKind.class,
        names = {"RELEASE_SLOT", "REMOVE_WORKLIST_ENTRY", "REMOVE_DOCUMENT", "REVERSE_CHARGE"})
    void a_failed_undo_can_always_be_redriven(StepKind undo) {
      assertThat(StepRules.redriveRefusal(undo, "FAILED", cancelled())).isEmpty();
      assertThat(StepRules.redriveRefusal(undo, "FAILED", compensated())).isEmpty();
      assertThat(StepRules.redriveRefusal(undo, "SUCCEEDED", cancelled())).isPresent();
    }
  }

  @Nested
  class UndoOnCompletion {

    @Test
    void a_forward_step_with_an_undo_completing_after_cancellation_is_undone() {
      assertThat(StepRules.needsUndoOnCompletion(StepKind.RESERVE_SLOT, cancelled())).isTrue();
    }

    @Test
    void a_forward_step_with_an_undo_completing_after_compensation_is_undone() {
      assertThat(StepRules.needsUndoOnCompletion(StepKind.PUBLISH_REPORT, compensated())).isTrue();
    }

    @Test
    void a_forward_step_of_a_live_study_is_not_undone() {
      assertThat(StepRules.needsUndoOnCompletion(StepKind.RESERVE_SLOT, validated())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(StepKind.class)
    void only_a_forward_step_that_leaves_something_to_undo_is_undone(StepKind kind) {
      boolean undoable = kind.role() == StepKind.Role.FORWARD && kind.undo().isPresent();

      assertThat(StepRules.needsUndoOnCompletion(kind, cancelled())).isEqualTo(undoable);
      assertThat(StepRules.needsUndoOnCompletion(kind, validated())).isFalse();
    }

    @Test
    void the_recorded_effect_names_the_step_its_kind_and_its_reference() {
      assertThat(StepRules.recordedEffect(StepKind.RESERVE_SLOT, STEP, "slot-9"))
          .isEqualTo(recorded(StepKind.RESERVE_SLOT, "slot-9"));
      applyEffects(
          cancelled(),
          List.of(StepRules.recordedEffect(StepKind.RESERVE_SLOT, STEP, "slot-9")),
          90);
    }
  }
}
