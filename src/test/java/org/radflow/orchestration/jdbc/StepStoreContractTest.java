package org.radflow.orchestration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.radflow.lifecycle.jdbc.Commands.T0;
import static org.radflow.lifecycle.jdbc.Commands.at;
import static org.radflow.lifecycle.jdbc.Commands.resent;
import static org.radflow.lifecycle.jdbc.Commands.study;
import static org.radflow.lifecycle.jdbc.Commands.transition;
import static org.radflow.workflow.StepKind.CONFIRM_STORAGE_COMMITMENT;
import static org.radflow.workflow.StepKind.CREATE_WORKLIST_ENTRY;
import static org.radflow.workflow.StepKind.IMAGES_COMMIT_DEADLINE;
import static org.radflow.workflow.StepKind.RELEASE_SLOT;
import static org.radflow.workflow.StepKind.REMOVE_WORKLIST_ENTRY;
import static org.radflow.workflow.StepKind.RESERVE_SLOT;
import static org.radflow.workflow.StepKind.VALIDATE_IDENTITY;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.audit.AuditQuery;
import org.radflow.audit.OperatorAction;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.StoreException;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.CreateResult;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.lifecycle.StudyStore;
import org.radflow.lifecycle.jdbc.Commands;
import org.radflow.orchestration.ClaimedStep;
import org.radflow.orchestration.HealthChange;
import org.radflow.orchestration.Redrive;
import org.radflow.orchestration.ServiceStatus;
import org.radflow.orchestration.StepCommit;
import org.radflow.orchestration.StepDuration;
import org.radflow.orchestration.StepFinish;
import org.radflow.orchestration.StepRecord;
import org.radflow.orchestration.StepStore;
import org.radflow.study.Change;
import org.radflow.study.ClinicalState;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.OpenException;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;
import org.radflow.tracing.GivenTrace;
import org.radflow.workflow.Answer;
import org.radflow.workflow.Deadlines;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepKind;
import org.radflow.workflow.StepRules;
import org.radflow.workflow.StepStatus;
import org.radflow.workflow.Verdict;

/**
 * The clauses of {@link StepStore}'s Javadoc, a case each, run against every database by a short
 * subclass. Every time is passed in; nothing waits for a clock. Effects come from {@link
 * StepRules}, as the engine would commit them.
 */
abstract class StepStoreContractTest {

  static final StoreSettings SETTINGS = new StoreSettings(1024, Duration.ofHours(4));
  static final Duration LEASE = Duration.ofMinutes(30);
  private static final int POOL_SIZE = 10;

  /** One test's fresh, empty database, and how to remove it afterwards. */
  protected record Database(String url, String user, String password, Runnable drop) {}

  protected abstract Database freshDatabase();

  /**
   * Installs, in this database's own SQL, a trigger that aborts every insert of a step of {@code
   * kind} with the message {@code injected}: a fault in the middle of the commit that starts it.
   */
  protected abstract void failStepInserts(Statement sql, StepKind kind) throws SQLException;

  Database database;
  Stores stores;
  StudyStore store;
  StepStore steps;
  private Connection plainConnection;

  @BeforeEach
  void openStoreOnFreshDatabase() {
    database = freshDatabase();
    stores = Stores.open(database.url(), database.user(), database.password(), POOL_SIZE, SETTINGS);
    store = stores.studies();
    steps = stores.steps();
  }

  @AfterEach
  void closeStoreAndDropDatabase() throws SQLException {
    try (Connection ignored = plainConnection;
        Stores closed = stores) {
      // both closed, whatever happened in the test
    } finally {
      if (database != null) {
        database.drop().run();
      }
    }
  }

  // ---- steps written with their change -------------------------------------------------------

  @Test
  void creatingAStudyWritesOnePendingValidateIdentityStepInTheSameCommit() {
    StudyId id = created("ACC-1");

    StepRecord step = single(id, VALIDATE_IDENTITY);

    assertThat(steps.steps(id)).containsExactly(step);
    assertThat(step.status()).isEqualTo(StepStatus.PENDING);
    assertThat(step.idempotencyKey()).isEqualTo(id + ":VALIDATE_IDENTITY:1");
    assertThat(step.attempts()).isZero();
    assertThat(step.fence()).isZero();
    assertThat(step.maxAttempts()).isEqualTo(SETTINGS.retry().attemptsFor(VALIDATE_IDENTITY));
    assertThat(step.dueAt()).isEqualTo(T0);
    assertThat(step.createdAt()).isEqualTo(T0);
    assertThat(step.leaseOwner()).isNull();
    assertThat(step.compensates()).isNull();
    assertThat(steps.step(step.id())).contains(step);
  }

  @Test
  void aRefusedCreationWritesNoStep() {
    var refused =
        store.create(study("ACC-1").joining(EntryKind.ENCOUNTER, ImagingState.NOT_STARTED).build());

    assertInstanceOf(CreateResult.Refused.class, refused);
    assertThat(count("select count(*) from step")).isZero();
  }

  @Test
  void aCreationWhoseStepCannotBeWrittenIsRolledBackWhole() throws SQLException {
    inject(VALIDATE_IDENTITY);
    var command = study("ACC-1").build();

    assertThrows(StoreException.class, () -> store.create(command));

    assertThat(store.find(command.id())).isEmpty();
    assertThat(count("select count(*) from study")).isZero();
    assertThat(count("select count(*) from step")).isZero();
    assertThat(count("select count(*) from outbox")).isZero();
  }

  @Test
  void aTransitionWhoseStepsCannotBeWrittenIsRolledBackAndStartsNothing() throws SQLException {
    StudyId id = created("ACC-1");
    inject(RESERVE_SLOT);

    assertThrows(
        StoreException.class,
        () ->
            store.apply(id, transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5), null));

    assertThat(current(id).version()).isEqualTo(1);
    assertThat(current(id).clinical()).isEqualTo(ClinicalState.ORDER_RECEIVED);
    assertThat(store.history(id)).hasSize(1);
    assertThat(steps.steps(id)).extracting(StepRecord::kind).containsExactly(VALIDATE_IDENTITY);
  }

  @Test
  void aResentTransitionStartsNoSecondStep() {
    StudyId id = created("ACC-1");
    Transition identity = transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5);
    store.apply(id, identity, null);
    List<StepRecord> before = steps.steps(id);
    assertThat(before)
        .extracting(StepRecord::kind)
        .containsExactlyInAnyOrder(VALIDATE_IDENTITY, RESERVE_SLOT, CREATE_WORKLIST_ENTRY);
    assertThat(single(id, RESERVE_SLOT).idempotencyKey()).isEqualTo(id + ":RESERVE_SLOT:2");

    var again = store.apply(id, resent(identity, "MSG-again", "ris", at(9)), null);

    assertInstanceOf(ApplyResult.Duplicate.class, again);
    assertThat(steps.steps(id)).isEqualTo(before);
  }

  // ---- durable timers ------------------------------------------------------------------------

  @Test
  void aTimerSurvivesARestartAndFiresOnce() {
    StudyId id = created("ACC-1");
    for (TransitionType type :
        List.of(TransitionType.ACQUISITION_STARTED, TransitionType.ACQUISITION_COMPLETED)) {
      store.apply(id, transition(type, type.name(), 10), null);
    }
    StepRecord timer = single(id, StepKind.IMAGES_COMMIT_DEADLINE);
    Instant due = timer.dueAt();
    assertThat(due).isEqualTo(at(10).plus(Deadlines.defaults().imagesCommitted()));

    // radflow stops and starts again: the timer is a row, not a thread
    stores.close();
    stores = Stores.open(database.url(), database.user(), database.password(), POOL_SIZE, SETTINGS);
    store = stores.studies();
    steps = stores.steps();

    assertThat(steps.claim("worker-2", 50, due.minusSeconds(1), LEASE))
        .noneMatch(c -> c.kind() == StepKind.IMAGES_COMMIT_DEADLINE);
    ClaimedStep fired =
        steps.claim("worker-2", 50, due, LEASE).stream()
            .filter(c -> c.kind() == StepKind.IMAGES_COMMIT_DEADLINE)
            .findFirst()
            .orElseThrow();
    Verdict.Complete verdict =
        assertInstanceOf(
            Verdict.Complete.class,
            StepRules.fire(fired.kind(), fired.id().toString(), current(id)));
    assertInstanceOf(
        StepCommit.Committed.class,
        steps.finish(fired, new StepFinish.Complete(null, verdict.effects()), due));

    Study after = current(id);
    assertThat(after.imaging()).isEqualTo(ImagingState.IMAGES_MISSING);
    assertThat(after.exceptions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(OpenException.Kind.DEADLINE_MISSED);
              assertThat(e.step()).isEqualTo(fired.id().toString());
            });
    assertThat(single(id, StepKind.IMAGES_COMMIT_DEADLINE).status())
        .isEqualTo(StepStatus.SUCCEEDED);
    // fired once: never claimable again, however late it is
    assertThat(steps.claim("worker-3", 50, due.plus(Duration.ofDays(2)), LEASE))
        .noneMatch(c -> c.kind() == StepKind.IMAGES_COMMIT_DEADLINE);
  }

  // ---- claim ---------------------------------------------------------------------------------

  @Test
  void claimLeasesOnlyDueStepsAndCountsFenceAndAttempt() {
    StudyId due = created("ACC-1");
    StudyId later = created(study("ACC-2").learnedAt(at(10)).build());

    List<ClaimedStep> claimed = steps.claim("worker-1", 10, at(5), LEASE);

    ClaimedStep step = claimed.get(0);
    assertThat(claimed).hasSize(1);
    assertThat(step.study()).isEqualTo(due);
    assertThat(step.kind()).isEqualTo(VALIDATE_IDENTITY);
    assertThat(step.idempotencyKey()).isEqualTo(due + ":VALIDATE_IDENTITY:1");
    assertThat(step.attempt()).isEqualTo(1);
    assertThat(step.fence()).isEqualTo(1);
    assertThat(step.owner()).isEqualTo("worker-1");
    assertThat(step.takenOverFrom()).isNull();
    StepRecord record = steps.step(step.id()).orElseThrow();
    assertThat(record.status()).isEqualTo(StepStatus.RUNNING);
    assertThat(record.leaseOwner()).isEqualTo("worker-1");
    assertThat(record.leaseUntil()).isEqualTo(at(5).plus(LEASE));
    assertThat(record.attempts()).isEqualTo(1);
    assertThat(record.fence()).isEqualTo(1);
    assertThat(single(later, VALIDATE_IDENTITY).status()).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void claimTakesAtMostTheLimitOldestDueFirst() {
    StudyId first = created(study("ACC-1").learnedAt(at(1)).build());
    StudyId second = created(study("ACC-2").learnedAt(at(2)).build());
    created(study("ACC-3").learnedAt(at(3)).build());

    List<ClaimedStep> claimed = steps.claim("worker-1", 2, at(5), LEASE);

    assertThat(claimed).extracting(ClaimedStep::study).containsExactlyInAnyOrder(first, second);
  }

  @Test
  void aHeldLeaseIsNotClaimedAgainAndAnExpiredOneIsTakenOver() {
    StudyId id = created("ACC-1");
    ClaimedStep first = only(steps.claim("worker-1", 10, at(0), LEASE));

    assertThat(steps.claim("worker-2", 10, at(29), LEASE)).isEmpty();
    ClaimedStep second = only(steps.claim("worker-2", 10, at(31), LEASE));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.takenOverFrom()).isEqualTo("worker-1");
    assertThat(second.fence()).isEqualTo(2);
    assertThat(second.attempt()).isEqualTo(2);
    StepRecord record = single(id, VALIDATE_IDENTITY);
    assertThat(record.leaseOwner()).isEqualTo("worker-2");
    assertThat(record.leaseUntil()).isEqualTo(at(31).plus(LEASE));
    assertThat(record.takenOverFrom()).isEqualTo("worker-1");
  }

  @Test
  void aReleasedLeaseIsTakenOverByTheNextClaimAndTheOldClaimThenWritesNothing() {
    StudyId id = created("ACC-1");
    ClaimedStep first = only(steps.claim("worker-1", 10, at(0), LEASE));

    assertThat(steps.release(first, at(1))).isTrue();

    StepRecord released = single(id, VALIDATE_IDENTITY);
    assertThat(released.status()).isEqualTo(StepStatus.RUNNING);
    assertThat(released.leaseOwner()).isEqualTo("worker-1");
    assertThat(released.leaseUntil()).isEqualTo(at(1));
    ClaimedStep second = only(steps.claim("worker-2", 10, at(2), LEASE));
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.takenOverFrom()).isEqualTo("worker-1");
    assertThat(second.fence()).isEqualTo(2);
    assertThat(steps.release(first, at(3))).as("a stale claim releases nothing").isFalse();
    assertInstanceOf(StepCommit.LeaseLost.class, steps.finish(first, done(first, "IHI-1"), at(3)));
    assertThat(single(id, VALIDATE_IDENTITY).leaseOwner()).isEqualTo("worker-2");
  }

  @Test
  void aReleasedClaimMayStillFinishWhileNoOtherClaimTookItAndAFinishedStepIsNotReleased() {
    StudyId id = created("ACC-1");
    ClaimedStep step = only(steps.claim("worker-1", 10, at(0), LEASE));
    assertThat(steps.release(step, at(1))).isTrue();

    assertInstanceOf(StepCommit.Committed.class, steps.finish(step, done(step, "IHI-1"), at(2)));

    assertThat(steps.release(step, at(3))).as("nothing to release once finished").isFalse();
    StepRecord record = single(id, VALIDATE_IDENTITY);
    assertThat(record.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(record.leaseOwner()).isNull();
    assertThat(record.leaseUntil()).isNull();
  }

  @Test
  void concurrentClaimersNeverClaimOneStepTwice() throws Exception {
    int studies = 20;
    for (int i = 0; i < studies; i++) {
      created("ACC-" + i);
    }

    List<List<ClaimedStep>> perWorker =
        Commands.concurrently(
            6,
            n -> {
              List<ClaimedStep> mine = new ArrayList<>();
              for (List<ClaimedStep> batch = steps.claim("worker-" + n, 2, at(1), LEASE);
                  !batch.isEmpty();
                  batch = steps.claim("worker-" + n, 2, at(1), LEASE)) {
                mine.addAll(batch);
              }
              return mine;
            });

    List<UUID> claimed = perWorker.stream().flatMap(List::stream).map(ClaimedStep::id).toList();
    assertThat(claimed).hasSize(studies).doesNotHaveDuplicates();
    assertThat(perWorker.stream().flatMap(List::stream))
        .allSatisfy(step -> assertThat(step.fence()).isEqualTo(1));
    assertThat(count("select count(*) from step where status = 'RUNNING' and fence = 1"))
        .isEqualTo(studies);
  }

  // ---- finish --------------------------------------------------------------------------------

  @Test
  void completeAppliesTheEffectsMarksSucceededAndStartsTheNextStepsInOneCommit() {
    StudyId id = created("ACC-1");
    ClaimedStep validate = only(steps.claim("worker-1", 10, at(1), LEASE));

    StepCommit.Committed committed =
        assertInstanceOf(
            StepCommit.Committed.class, steps.finish(validate, done(validate, "IHI-1"), at(2)));

    Study study = current(id);
    assertThat(committed.study()).isEqualTo(study);
    assertThat(study.clinical()).isEqualTo(ClinicalState.IDENTITY_VALIDATED);
    assertThat(store.history(id))
        .last()
        .satisfies(
            entry ->
                assertThat(applied(entry).idempotencyKey())
                    .isEqualTo(validate.idempotencyKey() + ":IDENTITY_VALIDATED"));
    StepRecord record = single(id, VALIDATE_IDENTITY);
    assertThat(record.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(record.externalRef()).isEqualTo("IHI-1");
    assertThat(record.lastOutcome()).isEqualTo("DONE");
    assertThat(record.completedAt()).isEqualTo(at(2));
    assertThat(record.completedBy()).isEqualTo("worker-1");
    assertThat(record.leaseOwner()).isNull();
    assertThat(record.leaseUntil()).isNull();
    assertThat(steps.steps(id))
        .filteredOn(s -> s.kind() != VALIDATE_IDENTITY)
        .extracting(StepRecord::kind, StepRecord::status, StepRecord::idempotencyKey)
        .containsExactlyInAnyOrder(
            tuple(RESERVE_SLOT, StepStatus.PENDING, id + ":RESERVE_SLOT:2"),
            tuple(CREATE_WORKLIST_ENTRY, StepStatus.PENDING, id + ":CREATE_WORKLIST_ENTRY:2"));
  }

  @Test
  void aStepCarriesTheTraceThatStartedItAndItsFinishWritesTheTraceItRunsIn() {
    String started = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    String finishing = "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01";
    GivenTrace trace = new GivenTrace();
    try (Stores traced =
        Stores.open(
            database.url(),
            database.user(),
            database.password(),
            POOL_SIZE,
            SETTINGS.withTracing(trace))) {
      trace.within(started);
      StudyId id =
          assertInstanceOf(
                  CreateResult.Created.class, traced.studies().create(study("ACC-1").build()))
              .study()
              .id();
      trace.within(null);
      ClaimedStep validate = only(traced.steps().claim("worker-1", 10, at(1), LEASE));
      assertThat(validate.traceParent()).isEqualTo(started);

      trace.within(finishing);
      assertInstanceOf(
          StepCommit.Committed.class,
          traced.steps().finish(validate, done(validate, "IHI-1"), at(2)));

      assertThat(store.history(id))
          .last()
          .extracting(HistoryEntry::traceParent)
          .isEqualTo(finishing);
      trace.within(null);
      assertThat(traced.steps().claim("worker-1", 10, at(3), LEASE))
          .extracting(ClaimedStep::kind, ClaimedStep::traceParent)
          .containsExactlyInAnyOrder(
              tuple(RESERVE_SLOT, finishing), tuple(CREATE_WORKLIST_ENTRY, finishing));
    }
  }

  @Test
  void finishingWithAStaleFenceIsLeaseLostAndWritesNothing() {
    StudyId id = created("ACC-1");
    ClaimedStep stale = only(steps.claim("worker-1", 10, at(0), LEASE));
    ClaimedStep current = only(steps.claim("worker-2", 10, at(31), LEASE));
    StepRecord before = single(id, VALIDATE_IDENTITY);

    for (StepFinish finish :
        List.of(
            done(stale, "IHI-1"),
            refused(stale),
            new StepFinish.Retry("FAILED", "timeout", at(40)),
            new StepFinish.Wait("not ready", at(40), List.of()),
            new StepFinish.Suspend("down"),
            new StepFinish.Moot("moot"))) {
      assertInstanceOf(StepCommit.LeaseLost.class, steps.finish(stale, finish, at(32)));
    }

    assertThat(single(id, VALIDATE_IDENTITY)).isEqualTo(before);
    assertThat(current(id).version()).isEqualTo(1);
    assertThat(store.history(id)).hasSize(1);
    assertThat(steps.steps(id)).hasSize(1);
    assertInstanceOf(
        StepCommit.Committed.class, steps.finish(current, done(current, "IHI-1"), at(33)));
    assertInstanceOf(
        StepCommit.LeaseLost.class, steps.finish(current, done(current, "IHI-1"), at(34)));
  }

  @Test
  void retryKeepsTheAttemptAndMakesTheStepDueLater() {
    StudyId id = created("ACC-1");
    ClaimedStep step = only(steps.claim("worker-1", 10, at(1), LEASE));

    var result = steps.finish(step, new StepFinish.Retry("FAILED", "HTTP 503", at(5)), at(2));

    assertThat(result).isEqualTo(new StepCommit.Committed(null));
    StepRecord record = single(id, VALIDATE_IDENTITY);
    assertThat(record.status()).isEqualTo(StepStatus.PENDING);
    assertThat(record.attempts()).isEqualTo(1);
    assertThat(record.dueAt()).isEqualTo(at(5));
    assertThat(record.lastOutcome()).isEqualTo("FAILED");
    assertThat(record.lastError()).isEqualTo("HTTP 503");
    assertThat(record.leaseOwner()).isNull();
    assertThat(steps.claim("worker-1", 10, at(4), LEASE)).isEmpty();
    assertThat(only(steps.claim("worker-1", 10, at(5), LEASE)).attempt()).isEqualTo(2);
  }

  @Test
  void waitRefundsTheAttemptAndMakesTheStepDueLater() {
    StudyId id = created("ACC-1");
    ClaimedStep step = only(steps.claim("worker-1", 10, at(1), LEASE));

    steps.finish(step, new StepFinish.Wait("identity not validated yet", at(5), List.of()), at(2));

    StepRecord record = single(id, VALIDATE_IDENTITY);
    assertThat(record.status()).isEqualTo(StepStatus.PENDING);
    assertThat(record.attempts()).isZero();
    assertThat(record.dueAt()).isEqualTo(at(5));
    assertThat(record.lastOutcome()).isEqualTo("WAITING");
    assertThat(steps.claim("worker-1", 10, at(4), LEASE)).isEmpty();
    assertThat(only(steps.claim("worker-1", 10, at(5), LEASE)).attempt()).isEqualTo(1);
  }

  @Test
  void suspendRefundsTheAttemptAndKeepsTheStepUnclaimed() {
    StudyId id = created("ACC-1");
    ClaimedStep step = only(steps.claim("worker-1", 10, at(1), LEASE));

    steps.finish(step, new StepFinish.Suspend("identity service unreachable"), at(2));

    StepRecord record = single(id, VALIDATE_IDENTITY);
    assertThat(record.status()).isEqualTo(StepStatus.SUSPENDED);
    assertThat(record.attempts()).isZero();
    assertThat(record.suspendedAt()).isEqualTo(at(2));
    assertThat(record.lastOutcome()).isEqualTo("UNAVAILABLE");
    assertThat(record.leaseOwner()).isNull();
    assertThat(steps.claim("worker-1", 10, at(60), LEASE)).isEmpty();
  }

  @Test
  void failAppliesItsExceptionNamingTheStepAndFailsTheStep() {
    StudyId id = created("ACC-1");
    ClaimedStep step = only(steps.claim("worker-1", 10, at(1), LEASE));

    StepCommit.Committed committed =
        assertInstanceOf(StepCommit.Committed.class, steps.finish(step, refused(step), at(2)));

    Study study = current(id);
    assertThat(committed.study()).isEqualTo(study);
    assertThat(study.clinical()).isEqualTo(ClinicalState.IDENTITY_EXCEPTION);
    OpenException exception = study.exceptions().get(0);
    assertThat(study.exceptions()).hasSize(1);
    assertThat(exception.kind()).isEqualTo(OpenException.Kind.STEP_FAILED);
    assertThat(exception.step()).isEqualTo(step.id().toString());
    assertThat(exception.id()).isEqualTo(study.version());
    StepRecord record = single(id, VALIDATE_IDENTITY);
    assertThat(record.status()).isEqualTo(StepStatus.FAILED);
    assertThat(record.lastOutcome()).isEqualTo("REJECTED");
    assertThat(record.lastError()).contains("no such patient");
    assertThat(record.completedAt()).isEqualTo(at(2));
    assertThat(record.leaseOwner()).isNull();
  }

  @Test
  void mootCancelsAStepWhoseStudyWasCancelledWhileItWasHeld() {
    StudyId id = created("ACC-1");
    ClaimedStep step = only(steps.claim("worker-1", 10, at(1), LEASE));
    store.apply(id, transition(TransitionType.STUDY_CANCELLED, "cancel-1", 2), null);
    Study cancelled = current(id);

    var result = steps.finish(step, new StepFinish.Moot("the study was cancelled"), at(3));

    assertThat(result).isEqualTo(new StepCommit.Committed(null));
    StepRecord record = single(id, VALIDATE_IDENTITY);
    assertThat(record.status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(record.lastOutcome()).isEqualTo("MOOT");
    assertThat(record.completedAt()).isEqualTo(at(3));
    assertThat(current(id)).isEqualTo(cancelled);
  }

  // ---- compensation --------------------------------------------------------------------------

  @Test
  void cancellingStopsOpenStepsAndChainsTheUndosNewestFirstOneAtATime() {
    StudyId id = created("ACC-1");
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    finish(forward.get(RESERVE_SLOT), "slot-1", at(2));
    finish(forward.get(CREATE_WORKLIST_ENTRY), "entry-1", at(3));
    apply(id, transition(TransitionType.ACQUISITION_STARTED, "acq-start-1", 4));
    apply(id, transition(TransitionType.ACQUISITION_COMPLETED, "acq-done-1", 5));
    assertThat(single(id, CONFIRM_STORAGE_COMMITMENT).status()).isEqualTo(StepStatus.PENDING);

    apply(id, transition(TransitionType.STUDY_CANCELLED, "cancel-1", 6));

    assertThat(single(id, CONFIRM_STORAGE_COMMITMENT).status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(single(id, IMAGES_COMMIT_DEADLINE).status()).isEqualTo(StepStatus.CANCELLED);
    StepRecord removeEntry = single(id, REMOVE_WORKLIST_ENTRY);
    StepRecord releaseSlot = single(id, RELEASE_SLOT);
    assertThat(removeEntry.status()).isEqualTo(StepStatus.PENDING);
    assertThat(removeEntry.compensates()).isEqualTo(forward.get(CREATE_WORKLIST_ENTRY).id());
    assertThat(removeEntry.targetRef()).isEqualTo("entry-1");
    assertThat(removeEntry.dueAt()).isEqualTo(at(6));
    assertThat(releaseSlot.status()).isEqualTo(StepStatus.WAITING);
    assertThat(releaseSlot.compensates()).isEqualTo(forward.get(RESERVE_SLOT).id());
    assertThat(releaseSlot.targetRef()).isEqualTo("slot-1");

    ClaimedStep undo = only(steps.claim("worker-1", 10, at(7), LEASE));
    assertThat(undo.kind()).isEqualTo(REMOVE_WORKLIST_ENTRY);
    assertThat(undo.targetRef()).isEqualTo("entry-1");
    finish(undo, "entry-1", at(8));

    assertThat(single(id, RELEASE_SLOT).status()).isEqualTo(StepStatus.PENDING);
    ClaimedStep next = only(steps.claim("worker-1", 10, at(9), LEASE));
    assertThat(next.kind()).isEqualTo(RELEASE_SLOT);
    assertThat(next.targetRef()).isEqualTo("slot-1");
  }

  @Test
  void aFailedUndoStillLetsTheNextOneRun() {
    StudyId id = created("ACC-1");
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    finish(forward.get(RESERVE_SLOT), "slot-1", at(2));
    finish(forward.get(CREATE_WORKLIST_ENTRY), "entry-1", at(3));
    apply(id, transition(TransitionType.STUDY_CANCELLED, "cancel-1", 6));
    ClaimedStep undo = only(steps.claim("worker-1", 10, at(7), LEASE));

    steps.finish(undo, exhausted(undo, "HTTP 500"), at(8));

    assertThat(single(id, REMOVE_WORKLIST_ENTRY).status()).isEqualTo(StepStatus.FAILED);
    assertThat(current(id).exceptions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(OpenException.Kind.COMPENSATION_FAILED);
              assertThat(e.step()).isEqualTo(undo.id().toString());
            });
    assertThat(single(id, RELEASE_SLOT).status()).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void cancellingOrCompensatingAgainCreatesNoSecondUndo() {
    StudyId id = created("ACC-1");
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    finish(forward.get(RESERVE_SLOT), "slot-1", at(2));
    finish(forward.get(CREATE_WORKLIST_ENTRY), "entry-1", at(3));
    Transition cancel = transition(TransitionType.STUDY_CANCELLED, "cancel-1", 6);
    apply(id, cancel);
    List<StepRecord> afterCancel = steps.steps(id);

    assertInstanceOf(
        ApplyResult.Duplicate.class,
        store.apply(id, resent(cancel, "MSG-again", "ris", at(7)), null));
    assertInstanceOf(
        ApplyResult.Committed.class,
        stores.recovery().compensate(id, "operator-ann", "undo it all", at(8)));
    assertInstanceOf(
        ApplyResult.Committed.class,
        stores.recovery().compensate(id, "operator-ann", "and again", at(9)));

    assertThat(steps.steps(id)).isEqualTo(afterCancel);
    assertThat(count("select count(*) from step where compensates is not null")).isEqualTo(2);
  }

  @Test
  void aForwardStepCompletingAfterTheCancelGetsItsUndoScheduled() {
    StudyId id = created("ACC-1");
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    finish(forward.get(RESERVE_SLOT), "slot-1", at(2));
    apply(id, transition(TransitionType.STUDY_CANCELLED, "cancel-1", 3));
    assertThat(single(id, RELEASE_SLOT).status()).isEqualTo(StepStatus.PENDING);
    assertThat(single(id, CREATE_WORKLIST_ENTRY).status()).isEqualTo(StepStatus.RUNNING);

    finish(forward.get(CREATE_WORKLIST_ENTRY), "entry-1", at(4));

    StepRecord undo = single(id, REMOVE_WORKLIST_ENTRY);
    assertThat(undo.compensates()).isEqualTo(forward.get(CREATE_WORKLIST_ENTRY).id());
    assertThat(undo.targetRef()).isEqualTo("entry-1");
    assertThat(undo.status()).isEqualTo(StepStatus.WAITING);
    assertThat(single(id, CREATE_WORKLIST_ENTRY).status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(current(id).clinical()).isEqualTo(ClinicalState.CANCELLED);
  }

  @Test
  void aForwardStepCompletingAfterACompensationRequestGetsItsUndoScheduled() {
    StudyId id = created("ACC-1");
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    assertInstanceOf(
        ApplyResult.Committed.class,
        stores.recovery().compensate(id, "operator-ann", "wrong patient", at(2)));
    assertThat(count("select count(*) from step where compensates is not null")).isZero();

    finish(forward.get(RESERVE_SLOT), "slot-1", at(3));

    StepRecord undo = single(id, RELEASE_SLOT);
    assertThat(undo.compensates()).isEqualTo(forward.get(RESERVE_SLOT).id());
    assertThat(undo.targetRef()).isEqualTo("slot-1");
    assertThat(undo.status()).isEqualTo(StepStatus.PENDING);
    assertThat(current(id).clinical())
        .as("the effect is recorded, not applied, once compensation was asked for")
        .isEqualTo(ClinicalState.IDENTITY_VALIDATED);
  }

  // ---- redrive -------------------------------------------------------------------------------

  @Test
  void redriveIsRefusedForAStepThatDidNotFailAndAudited() {
    StudyId id = created("ACC-1");
    StepRecord pending = single(id, VALIDATE_IDENTITY);

    Redrive.Refused refused =
        assertInstanceOf(
            Redrive.Refused.class,
            stores.recovery().redrive(pending.id(), "operator-ann", "try", at(1)));

    assertThat(refused.reason()).contains("only a failed step", "PENDING");
    assertThat(single(id, VALIDATE_IDENTITY)).isEqualTo(pending);
    assertThat(stores.audit().actions(id, 10))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.action()).isEqualTo("REDRIVE");
              assertThat(a.actor()).isEqualTo("operator-ann");
              assertThat(a.outcome()).startsWith("refused: ");
            });
    assertThat(stores.recovery().redrive(UUID.randomUUID(), "operator-ann", "try", at(1)))
        .isEqualTo(new Redrive.NotFound());
  }

  @Test
  void redriveIsRefusedOnceTheStudyIsCancelled() {
    StudyId id = created("ACC-1");
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    ClaimedStep reserve = forward.get(RESERVE_SLOT);
    steps.finish(reserve, exhausted(reserve, "HTTP 500"), at(2));
    apply(id, transition(TransitionType.STUDY_CANCELLED, "cancel-1", 3));
    StepRecord failed = single(id, RESERVE_SLOT);

    Redrive.Refused refused =
        assertInstanceOf(
            Redrive.Refused.class,
            stores.recovery().redrive(reserve.id(), "operator-ann", "retry", at(4)));

    assertThat(refused.reason()).contains("cancelled");
    assertThat(single(id, RESERVE_SLOT)).isEqualTo(failed);
  }

  @Test
  void redriveIsRefusedOnceTheStudyIsCompensated() {
    StudyId id = created("ACC-1");
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    ClaimedStep reserve = forward.get(RESERVE_SLOT);
    steps.finish(reserve, exhausted(reserve, "HTTP 500"), at(2));
    finish(forward.get(CREATE_WORKLIST_ENTRY), "entry-1", at(3));
    stores.recovery().compensate(id, "operator-ann", "wrong patient", at(4));
    assertThat(single(id, REMOVE_WORKLIST_ENTRY).status()).isEqualTo(StepStatus.PENDING);

    Redrive.Refused refused =
        assertInstanceOf(
            Redrive.Refused.class,
            stores.recovery().redrive(reserve.id(), "operator-ann", "retry", at(5)));

    assertThat(refused.reason()).contains("compensated");
    assertThat(single(id, RESERVE_SLOT).status()).isEqualTo(StepStatus.FAILED);
  }

  @Test
  void redriveMakesAFailedStepDueAgainResolvesItsExceptionKeepsItsKeyAndIsAudited() {
    StudyId id = created("ACC-1");
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    ClaimedStep reserve = forward.get(RESERVE_SLOT);
    steps.finish(reserve, exhausted(reserve, "HTTP 500"), at(2));
    long exception = current(id).exceptions().get(0).id();

    Redrive.Redriven redriven =
        assertInstanceOf(
            Redrive.Redriven.class,
            stores.recovery().redrive(reserve.id(), "operator-ann", "scheduling is back", at(10)));

    StepRecord step = redriven.step();
    assertThat(steps.step(reserve.id())).contains(step);
    assertThat(step.status()).isEqualTo(StepStatus.PENDING);
    assertThat(step.attempts()).isZero();
    assertThat(step.redrives()).isEqualTo(1);
    assertThat(step.dueAt()).isEqualTo(at(10));
    assertThat(step.idempotencyKey()).isEqualTo(reserve.idempotencyKey());
    assertThat(current(id).exceptions()).isEmpty();
    assertThat(store.history(id))
        .last()
        .satisfies(
            entry -> {
              assertThat(applied(entry).type()).isEqualTo(TransitionType.EXCEPTION_RESOLVED);
              assertThat(applied(entry).data())
                  .containsEntry("exception", Long.toString(exception));
            });
    assertThat(stores.audit().actions(id, 10))
        .first()
        .satisfies(
            a -> {
              assertThat(a.action()).isEqualTo("REDRIVE");
              assertThat(a.actor()).isEqualTo("operator-ann");
              assertThat(a.target()).contains(reserve.id().toString());
              assertThat(a.study()).isEqualTo(id);
              assertThat(a.reason()).isEqualTo("scheduling is back");
              assertThat(a.outcome()).isEqualTo("redriven");
              assertThat(a.at()).isEqualTo(at(10));
            });
    ClaimedStep again = only(steps.claim("worker-1", 10, at(10), LEASE));
    assertThat(again.id()).isEqualTo(reserve.id());
    assertThat(again.attempt()).isEqualTo(1);
    assertThat(again.idempotencyKey()).isEqualTo(reserve.idempotencyKey());
  }

  @Test
  void aStepRedrivenAfterABusinessRefusalGetsANewIdempotencyKey() {
    StudyId id = created("ACC-1");
    ClaimedStep validate = only(steps.claim("worker-1", 10, at(1), LEASE));
    steps.finish(validate, refused(validate), at(2));

    Redrive.Redriven redriven =
        assertInstanceOf(
            Redrive.Redriven.class,
            stores.recovery().redrive(validate.id(), "operator-ann", "patient registered", at(10)));

    assertThat(redriven.step().idempotencyKey())
        .startsWith(id + ":VALIDATE_IDENTITY:")
        .isNotEqualTo(validate.idempotencyKey());
    assertThat(stores.audit().actions(id, 1).get(0).outcome()).contains("new idempotency key");
    ClaimedStep again = only(steps.claim("worker-1", 10, at(10), LEASE));
    assertThat(again.idempotencyKey()).isEqualTo(redriven.step().idempotencyKey());

    finish(again, "IHI-1", at(11));

    assertThat(current(id).clinical()).isEqualTo(ClinicalState.IDENTITY_VALIDATED);
    assertThat(current(id).exceptions()).isEmpty();
  }

  @Test
  void aRedrivenStepThatFailsAgainRaisesANewException() {
    StudyId id = created("ACC-1");
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    ClaimedStep reserve = forward.get(RESERVE_SLOT);
    steps.finish(reserve, exhausted(reserve, "HTTP 500"), at(2));
    stores.recovery().redrive(reserve.id(), "operator-ann", "scheduling is back", at(10));
    ClaimedStep again = only(steps.claim("worker-1", 10, at(10), LEASE));

    steps.finish(again, exhausted(again, "HTTP 500"), at(11));

    assertThat(single(id, RESERVE_SLOT).status()).isEqualTo(StepStatus.FAILED);
    assertThat(current(id).exceptions())
        .singleElement()
        .satisfies(e -> assertThat(e.step()).isEqualTo(reserve.id().toString()));
  }

  // ---- resolve and compensate ----------------------------------------------------------------

  @Test
  void resolveClosesAnExceptionAndAuditsItAndARefusalIsAuditedAsRefused() {
    StudyId id = created("ACC-1");
    ClaimedStep validate = only(steps.claim("worker-1", 10, at(1), LEASE));
    steps.finish(validate, refused(validate), at(2));
    long exception = current(id).exceptions().get(0).id();

    ApplyResult.Committed resolved =
        assertInstanceOf(
            ApplyResult.Committed.class,
            stores.recovery().resolve(id, exception, "operator-ann", "merged by hand", at(3)));
    ApplyResult again = stores.recovery().resolve(id, exception, "operator-bob", "me too", at(4));

    assertThat(resolved.study().exceptions()).isEmpty();
    assertThat(current(id)).isEqualTo(resolved.study());
    ApplyResult.Refused refused = assertInstanceOf(ApplyResult.Refused.class, again);
    assertThat(stores.audit().actions(id, 10))
        .extracting(OperatorAction::actor, OperatorAction::action, OperatorAction::outcome)
        .containsExactly(
            tuple("operator-bob", "RESOLVE", "refused: " + refused.message()),
            tuple("operator-ann", "RESOLVE", "done"));
    assertThat(stores.audit().actions(id, 10).get(1).reason()).isEqualTo("merged by hand");
    assertThat(stores.recovery().resolve(StudyId.random(), 2, "operator-ann", "x", at(5)))
        .isEqualTo(new ApplyResult.NotFound());
  }

  @Test
  void compensateRecordsTheRequestAndAuditsIt() {
    StudyId id = created("ACC-1");

    ApplyResult.Committed committed =
        assertInstanceOf(
            ApplyResult.Committed.class,
            stores
                .recovery()
                .compensate(id, "operator-ann", "ordered on the wrong patient", at(1)));

    assertThat(applied(store.history(id).get(1)).type())
        .isEqualTo(TransitionType.COMPENSATION_REQUESTED);
    assertThat(committed.study().version()).isEqualTo(2);
    assertThat(single(id, VALIDATE_IDENTITY).status())
        .as("its open forward steps are stopped")
        .isEqualTo(StepStatus.CANCELLED);
    assertThat(stores.audit().actions(id, 10))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.action()).isEqualTo("COMPENSATE");
              assertThat(a.reason()).isEqualTo("ordered on the wrong patient");
              assertThat(a.outcome()).isEqualTo("done");
            });
  }

  // ---- latency -------------------------------------------------------------------------------

  @Test
  void recentlyCompletedListsStepsThatSucceededAtAServiceNewestFirstWithinTheLimit() {
    StudyId id = created("ACC-1");
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    finish(forward.get(RESERVE_SLOT), "slot-1", at(3));
    ClaimedStep worklist = forward.get(CREATE_WORKLIST_ENTRY);
    assertInstanceOf(
        StepCommit.Committed.class, steps.finish(worklist, exhausted(worklist, "timeout"), at(4)));
    assertThat(single(id, CREATE_WORKLIST_ENTRY).status()).isEqualTo(StepStatus.FAILED);
    StepRecord validated = single(id, VALIDATE_IDENTITY);
    StepRecord reserved = single(id, RESERVE_SLOT);

    assertThat(steps.recentlyCompleted(at(0), 10))
        .containsExactly(
            new StepDuration(
                RESERVE_SLOT, Service.SCHEDULING, reserved.createdAt(), reserved.completedAt()),
            new StepDuration(
                VALIDATE_IDENTITY,
                Service.IDENTITY,
                validated.createdAt(),
                validated.completedAt()));
    assertThat(reserved.completedAt()).isEqualTo(at(3));
    assertThat(steps.recentlyCompleted(at(0), 10).get(1).duration())
        .isEqualTo(Duration.between(validated.createdAt(), at(1)));
    assertThat(steps.recentlyCompleted(at(0), 1))
        .extracting(StepDuration::kind)
        .containsExactly(RESERVE_SLOT);
    assertThat(steps.recentlyCompleted(at(2), 10))
        .extracting(StepDuration::kind)
        .containsExactly(RESERVE_SLOT);
    assertThat(steps.recentlyCompleted(at(5), 10)).isEmpty();
    assertThatThrownBy(() -> steps.recentlyCompleted(at(0), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- services ------------------------------------------------------------------------------

  @Test
  void everyServiceStartsUp() {
    assertThat(stores.services().services())
        .hasSize(Service.values().length)
        .allSatisfy(
            s -> {
              assertThat(s.state()).isEqualTo(ServiceStatus.State.UP);
              assertThat(s.releaseMode()).isEqualTo(ServiceStatus.ReleaseMode.AUTOMATIC);
              assertThat(s.releasePerSecond()).isPositive();
            })
        .extracting(ServiceStatus::service)
        .containsExactlyInAnyOrder(Service.values());
  }

  @Test
  void aDownServiceSuspendsItsPendingStepsAndTheyAreNotClaimed() {
    StudyId before = created("ACC-1");

    assertThat(stores.services().markDown(Service.IDENTITY, "5 timeouts in a row", at(1))).isTrue();
    assertThat(stores.services().markDown(Service.IDENTITY, "still down", at(2))).isFalse();

    assertThat(status(Service.IDENTITY).state()).isEqualTo(ServiceStatus.State.DOWN);
    assertThat(status(Service.IDENTITY).reason()).isEqualTo("5 timeouts in a row");
    StepRecord suspended = single(before, VALIDATE_IDENTITY);
    assertThat(suspended.status()).isEqualTo(StepStatus.SUSPENDED);
    assertThat(suspended.suspendedAt()).isEqualTo(at(1));
    assertThat(suspended.attempts()).isZero();
    StudyId during = created(study("ACC-2").learnedAt(at(3)).build());
    assertThat(steps.claim("worker-1", 10, at(4), LEASE)).isEmpty();
    assertThat(stores.services().suspendPendingOfUnavailable(at(5))).isEqualTo(1);
    assertThat(single(during, VALIDATE_IDENTITY).status()).isEqualTo(StepStatus.SUSPENDED);
    assertThat(stores.services().services())
        .filteredOn(s -> s.service() != Service.IDENTITY)
        .allSatisfy(s -> assertThat(s.state()).isEqualTo(ServiceStatus.State.UP));
  }

  @Test
  void releaseStartsOnlyWhenRecoveredOrForcedAndEveryAttemptIsAudited() {
    ServiceStatus up =
        stores.services().startRelease(Service.SCHEDULING, "operator-ann", "go", false, at(1));
    assertThat(up.state()).isEqualTo(ServiceStatus.State.UP);
    assertThat(stores.services().markRecovered(Service.SCHEDULING, at(1))).isFalse();

    stores.services().markDown(Service.SCHEDULING, "HTTP 503", at(2));
    ServiceStatus down =
        stores.services().startRelease(Service.SCHEDULING, "operator-ann", "go", false, at(3));
    assertThat(down.state()).isEqualTo(ServiceStatus.State.DOWN);
    ServiceStatus forced =
        stores
            .services()
            .startRelease(Service.SCHEDULING, "operator-ann", "vendor says fixed", true, at(4));
    assertThat(forced.state()).isEqualTo(ServiceStatus.State.RELEASING);

    stores.services().markDown(Service.WORKLIST, "HTTP 503", at(5));
    assertThat(stores.services().markRecovered(Service.WORKLIST, at(6))).isTrue();
    assertThat(status(Service.WORKLIST).state()).isEqualTo(ServiceStatus.State.RECOVERED);
    assertThat(
            stores
                .services()
                .startRelease(Service.WORKLIST, "operator-bob", "ok", false, at(7))
                .state())
        .isEqualTo(ServiceStatus.State.RELEASING);

    List<OperatorAction> audited = stores.audit().actions(null, 10);
    assertThat(audited)
        .extracting(OperatorAction::actor, OperatorAction::action, OperatorAction::target)
        .containsExactly(
            tuple("operator-bob", "RELEASE", "service worklist"),
            tuple("operator-ann", "RELEASE", "service scheduling"),
            tuple("operator-ann", "RELEASE", "service scheduling"),
            tuple("operator-ann", "RELEASE", "service scheduling"));
    assertThat(audited.get(0).outcome()).isEqualTo("releasing at 20.0 steps/s");
    assertThat(audited.get(1).outcome()).isEqualTo("releasing at 20.0 steps/s");
    assertThat(audited.get(1).reason()).isEqualTo("vendor says fixed");
    assertThat(audited.get(2).outcome()).startsWith("refused: the service is DOWN");
    assertThat(audited.get(3).outcome()).startsWith("refused: the service is UP");
  }

  @Test
  void releaseDueReleasesAtTheRateOldestFirstOnTheRowsClockThenTheServiceIsUp() {
    stores
        .services()
        .configureRelease(
            Service.IDENTITY, ServiceStatus.ReleaseMode.MANUAL, 20, "operator-ann", at(0));
    StudyId first = created(study("ACC-1").learnedAt(at(0)).build());
    StudyId second = created(study("ACC-2").learnedAt(at(0)).build());
    stores.services().markDown(Service.IDENTITY, "down", at(1));
    List<StudyId> later = new ArrayList<>();
    for (int i = 3; i <= 5; i++) {
      later.add(created(study("ACC-" + i).learnedAt(at(2)).build()));
    }
    stores.services().suspendPendingOfUnavailable(at(3));
    stores.services().markRecovered(Service.IDENTITY, at(4));
    assertThat(stores.services().releaseDue(Service.IDENTITY, at(5)))
        .as("not releasing yet")
        .isZero();
    stores.services().startRelease(Service.IDENTITY, "operator-ann", "recovered", false, at(10));
    Instant start = at(10);

    assertThat(stores.services().releaseDue(Service.IDENTITY, start)).isEqualTo(2);
    assertThat(single(first, VALIDATE_IDENTITY).status()).isEqualTo(StepStatus.PENDING);
    assertThat(single(second, VALIDATE_IDENTITY).status()).isEqualTo(StepStatus.PENDING);
    assertThat(single(first, VALIDATE_IDENTITY).dueAt()).isEqualTo(start);
    assertThat(later)
        .allSatisfy(
            s -> assertThat(single(s, VALIDATE_IDENTITY).status()).isEqualTo(StepStatus.SUSPENDED));
    assertThat(stores.services().releaseDue(Service.IDENTITY, start.plusMillis(99))).isZero();
    assertThat(stores.services().releaseDue(Service.IDENTITY, start.plusMillis(100))).isEqualTo(2);
    assertThat(status(Service.IDENTITY).state()).isEqualTo(ServiceStatus.State.RELEASING);
    assertThat(stores.services().releaseDue(Service.IDENTITY, start.plusMillis(200))).isEqualTo(1);

    assertThat(status(Service.IDENTITY).state()).isEqualTo(ServiceStatus.State.UP);
    assertThat(stores.services().releaseDue(Service.IDENTITY, start.plusMillis(300))).isZero();
    assertThat(steps.claim("worker-1", 10, start.plusMillis(300), LEASE)).hasSize(5);
  }

  @Test
  void suspendedListsAServicesSuspendedStepsOldestFirstUrgentMarkedAtMostTheLimit() {
    StudyId routine = created(study("ACC-1").learnedAt(at(1)).build());
    StudyId urgent =
        created(
            study("ACC-2")
                .learnedAt(at(2))
                .attributes(Map.of("modality", "CT", "priority", "S"))
                .build());
    StudyId later = created(study("ACC-3").learnedAt(at(3)).build());
    stores.services().markDown(Service.IDENTITY, "down", at(4));
    StudyId pending = created(study("ACC-4").learnedAt(at(5)).build());

    assertThat(steps.suspended(Service.IDENTITY, 10))
        .extracting(StepRecord::study, StepRecord::urgent, StepRecord::status)
        .containsExactly(
            tuple(routine, false, StepStatus.SUSPENDED),
            tuple(urgent, true, StepStatus.SUSPENDED),
            tuple(later, false, StepStatus.SUSPENDED));
    assertThat(steps.suspended(Service.IDENTITY, 2))
        .extracting(StepRecord::study)
        .containsExactly(routine, urgent);
    assertThat(single(pending, VALIDATE_IDENTITY).status())
        .as("written after the last suspension, not yet suspended")
        .isEqualTo(StepStatus.PENDING);
    assertThat(steps.suspended(Service.SCHEDULING, 10)).isEmpty();
    assertThatThrownBy(() -> steps.suspended(Service.IDENTITY, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configureReleaseSetsModeAndRateAndIsAudited() {
    ServiceStatus configured =
        stores
            .services()
            .configureRelease(
                Service.BILLING, ServiceStatus.ReleaseMode.MANUAL, 50, "operator-ann", at(1));

    assertThat(configured.releaseMode()).isEqualTo(ServiceStatus.ReleaseMode.MANUAL);
    assertThat(configured.releasePerSecond()).isEqualTo(50.0);
    assertThat(status(Service.BILLING)).isEqualTo(configured);
    assertThat(stores.audit().actions(null, 1))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.action()).isEqualTo("CONFIGURE_RELEASE");
              assertThat(a.target()).isEqualTo("service billing");
              assertThat(a.study()).isNull();
            });
    assertThatThrownBy(
            () ->
                stores
                    .services()
                    .configureRelease(
                        Service.BILLING,
                        ServiceStatus.ReleaseMode.MANUAL,
                        0,
                        "operator-ann",
                        at(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyChangeOfAServicesStateIsInItsHealthHistoryNewestFirst() {
    assertThat(stores.services().markDown(Service.IDENTITY, "5 timeouts in a row", at(1))).isTrue();
    assertThat(stores.services().markDown(Service.IDENTITY, "still down", at(2))).isFalse();
    assertThat(stores.services().markRecovered(Service.IDENTITY, at(3))).isTrue();
    assertThat(stores.services().markRecovered(Service.IDENTITY, at(3))).isFalse();
    stores
        .services()
        .startRelease(Service.BILLING, "operator-bob", "refused: it is up", false, at(3));
    stores
        .services()
        .startRelease(Service.IDENTITY, "operator-ann", "vendor fixed it", false, at(4));
    assertThat(stores.services().releaseDue(Service.IDENTITY, at(5))).isZero();
    assertThat(status(Service.IDENTITY).state()).isEqualTo(ServiceStatus.State.UP);

    List<HealthChange> history = stores.services().healthHistory(Service.IDENTITY, 10);

    assertThat(history)
        .extracting(
            HealthChange::service,
            HealthChange::state,
            HealthChange::reason,
            HealthChange::actor,
            HealthChange::at)
        .containsExactly(
            tuple(Service.IDENTITY, ServiceStatus.State.UP, "released", null, at(5)),
            tuple(
                Service.IDENTITY,
                ServiceStatus.State.RELEASING,
                "vendor fixed it",
                "operator-ann",
                at(4)),
            tuple(
                Service.IDENTITY,
                ServiceStatus.State.RECOVERED,
                "recovery verified by consecutive healthy probes",
                null,
                at(3)),
            tuple(Service.IDENTITY, ServiceStatus.State.DOWN, "5 timeouts in a row", null, at(1)));
    assertThat(history.get(0).id()).isGreaterThan(history.get(1).id());
    assertThat(stores.services().healthHistory(Service.IDENTITY, 2))
        .isEqualTo(history.subList(0, 2));
    assertThat(stores.services().healthHistory(Service.BILLING, 10))
        .as("a refused release changes no state")
        .isEmpty();
    assertThatThrownBy(() -> stores.services().healthHistory(Service.IDENTITY, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stepCountsCountEachServicesStepsByStatusLeavingTimersOut() {
    StudyId id = created("ACC-1");
    created(study("ACC-2").learnedAt(at(10)).build());
    Map<StepKind, ClaimedStep> forward = validatedAndClaimed(id, at(1));
    finish(forward.get(RESERVE_SLOT), "slot-1", at(2));
    apply(id, transition(TransitionType.ACQUISITION_STARTED, "acq-start-1", 4));
    apply(id, transition(TransitionType.ACQUISITION_COMPLETED, "acq-done-1", 5));

    Map<Service, Map<StepStatus, Long>> counts = stores.services().stepCounts();

    Map<Service, Map<StepStatus, Long>> expected = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      expected.put(service, new EnumMap<>(StepStatus.class));
    }
    expected.get(Service.IDENTITY).putAll(Map.of(StepStatus.SUCCEEDED, 1L, StepStatus.PENDING, 1L));
    expected.get(Service.SCHEDULING).put(StepStatus.SUCCEEDED, 1L);
    expected.get(Service.WORKLIST).put(StepStatus.RUNNING, 1L);
    expected.get(Service.IMAGE_ARCHIVE).put(StepStatus.PENDING, 1L);
    assertThat(counts).isEqualTo(expected);
    assertThat(single(id, IMAGES_COMMIT_DEADLINE).status()).isEqualTo(StepStatus.PENDING);

    // the console's count leaves finished steps out
    expected.values().forEach(byStatus -> byStatus.remove(StepStatus.SUCCEEDED));
    assertThat(stores.services().unfinishedStepCounts()).isEqualTo(expected);
  }

  @Test
  void anAuditedActionWithoutAStudyIsListedNewestFirst() {
    stores
        .audit()
        .record(
            new OperatorAction(
                0, at(1), "operator-ann", "PAUSE", "engine", null, "maintenance", "done"));
    stores
        .audit()
        .record(
            new OperatorAction(0, at(2), "operator-bob", "RESUME", "engine", null, "done", "done"));

    assertThat(stores.audit().actions(null, 10))
        .extracting(OperatorAction::action, OperatorAction::at)
        .containsExactly(tuple("RESUME", at(2)), tuple("PAUSE", at(1)));
    assertThat(stores.audit().actions(null, 1)).hasSize(1);
  }

  @Test
  void theAuditIsFilteredByStudyActorActionAndTimeAndPagedNewestFirst() {
    StudyId a = created("ACC-1");
    StudyId b = created("ACC-2");
    audit(1, "operator-ann", "REDRIVE", a);
    audit(2, "operator-bob", "RESOLVE", a);
    audit(3, "operator-ann", "RELEASE", null);
    audit(4, "operator-ann", "REDRIVE", b);
    audit(5, "operator-bob", "REDRIVE", null);

    assertThat(audited(new AuditQuery(null, "operator-ann", null, null, null, null, 10)))
        .containsExactly(at(4), at(3), at(1));
    assertThat(audited(new AuditQuery(null, null, "REDRIVE", null, null, null, 10)))
        .containsExactly(at(5), at(4), at(1));
    assertThat(audited(new AuditQuery(a, null, null, null, null, null, 10)))
        .containsExactly(at(2), at(1));
    assertThat(audited(new AuditQuery(null, null, null, at(2), at(4), null, 10)))
        .as("from is inclusive, to exclusive")
        .containsExactly(at(3), at(2));
    assertThat(audited(new AuditQuery(null, "operator-ann", "REDRIVE", null, null, null, 10)))
        .containsExactly(at(4), at(1));
    assertThat(audited(new AuditQuery(b, "operator-bob", null, null, null, null, 10))).isEmpty();

    List<OperatorAction> first =
        stores.audit().actions(new AuditQuery(null, null, null, null, null, null, 2));
    long lastId = first.get(1).id();
    List<OperatorAction> second =
        stores.audit().actions(new AuditQuery(null, null, null, null, null, lastId, 2));
    List<OperatorAction> third =
        stores.audit().actions(new AuditQuery(null, null, null, null, null, second.get(1).id(), 2));
    assertThat(first).extracting(OperatorAction::at).containsExactly(at(5), at(4));
    assertThat(second).extracting(OperatorAction::at).containsExactly(at(3), at(2));
    assertThat(third).extracting(OperatorAction::at).containsExactly(at(1));
    assertThat(stores.audit().actions(a, 10))
        .extracting(OperatorAction::at)
        .containsExactly(at(2), at(1));

    assertThat(stores.audit().actionNames(10)).containsExactly("REDRIVE", "RELEASE", "RESOLVE");
    assertThat(stores.audit().actionNames(2)).containsExactly("REDRIVE", "RELEASE");
    assertThatThrownBy(() -> stores.audit().actionNames(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditQuery(null, null, null, at(2), at(2), null, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyAuditHasNoActionNames() {
    assertThat(stores.audit().actionNames(10)).isEmpty();
  }

  private void audit(int minute, String actor, String action, StudyId study) {
    stores
        .audit()
        .record(
            new OperatorAction(
                0, at(minute), actor, action, "target " + minute, study, "why", "done"));
  }

  private List<Instant> audited(AuditQuery query) {
    return stores.audit().actions(query).stream().map(OperatorAction::at).toList();
  }

  // ---- helpers -------------------------------------------------------------------------------

  StudyId created(String accession) {
    return created(study(accession).build());
  }

  StudyId created(org.radflow.study.NewStudy command) {
    return assertInstanceOf(CreateResult.Created.class, store.create(command)).study().id();
  }

  void apply(StudyId id, Transition transition) {
    assertInstanceOf(ApplyResult.Committed.class, store.apply(id, transition, null));
  }

  Study current(StudyId id) {
    return store.find(id).orElseThrow();
  }

  ServiceStatus status(Service service) {
    return stores.services().services().stream()
        .filter(s -> s.service() == service)
        .findFirst()
        .orElseThrow();
  }

  /** The study's one step of {@code kind}. */
  StepRecord single(StudyId id, StepKind kind) {
    List<StepRecord> found = steps.steps(id).stream().filter(s -> s.kind() == kind).toList();
    assertThat(found).as("%s steps of study %s", kind, id).hasSize(1);
    return found.get(0);
  }

  /** The transition a history entry applied. */
  static Transition applied(HistoryEntry entry) {
    return assertInstanceOf(Change.Applied.class, entry.change()).transition();
  }

  static ClaimedStep only(List<ClaimedStep> claimed) {
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }

  /**
   * Validates the study's identity through its VALIDATE_IDENTITY step at {@code at} and claims the
   * two steps that starts, a minute later, by kind.
   */
  Map<StepKind, ClaimedStep> validatedAndClaimed(StudyId id, Instant at) {
    ClaimedStep validate = only(steps.claim("worker-1", 10, at, LEASE));
    finish(validate, "IHI-" + id, at);
    Map<StepKind, ClaimedStep> claimed = new EnumMap<>(StepKind.class);
    for (ClaimedStep step : steps.claim("worker-1", 10, at.plusSeconds(30), LEASE)) {
      claimed.put(step.kind(), step);
    }
    assertThat(claimed).containsOnlyKeys(RESERVE_SLOT, CREATE_WORKLIST_ENTRY);
    return claimed;
  }

  void finish(ClaimedStep step, String ref, Instant at) {
    assertInstanceOf(StepCommit.Committed.class, steps.finish(step, done(step, ref), at));
  }

  /** What the engine commits when the step's system did it. */
  StepFinish.Complete done(ClaimedStep step, String ref) {
    Verdict.Complete verdict =
        assertInstanceOf(
            Verdict.Complete.class,
            StepRules.judge(
                step.kind(),
                step.id().toString(),
                new Answer.Done(ref, answerData(step.kind())),
                current(step.study())));
    return new StepFinish.Complete(verdict.ref(), verdict.effects());
  }

  /** What the system answers besides its ref: the HI Service always says the IHI's statuses. */
  private static Map<String, String> answerData(StepKind kind) {
    return kind == StepKind.VALIDATE_IDENTITY
        ? Map.of("ihi", "8003608166690503", "numberStatus", "ACTIVE", "recordStatus", "VERIFIED")
        : Map.of();
  }

  /** What the engine commits when the step's system said no. */
  StepFinish.Fail refused(ClaimedStep step) {
    Verdict.Fail verdict =
        assertInstanceOf(
            Verdict.Fail.class,
            StepRules.judge(
                step.kind(),
                step.id().toString(),
                new Answer.Refused("NOT_FOUND", "no such patient"),
                current(step.study())));
    return new StepFinish.Fail("REJECTED", verdict.reason(), verdict.effects());
  }

  /** What the engine commits when the step ran out of attempts. */
  static StepFinish.Fail exhausted(ClaimedStep step, String lastError) {
    Verdict.Fail verdict =
        assertInstanceOf(
            Verdict.Fail.class,
            StepRules.exhausted(step.kind(), step.id().toString(), step.attempt(), lastError));
    return new StepFinish.Fail("FAILED", verdict.reason(), verdict.effects());
  }

  /** A plain JDBC connection to this test's database, beside the store's own pool. */
  Connection sql() throws SQLException {
    if (plainConnection == null) {
      plainConnection =
          DriverManager.getConnection(database.url(), database.user(), database.password());
    }
    return plainConnection;
  }

  private void inject(StepKind kind) throws SQLException {
    try (Statement s = sql().createStatement()) {
      failStepInserts(s, kind);
    }
  }

  long count(String query) {
    try (PreparedStatement s = sql().prepareStatement(query);
        ResultSet rows = s.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(query, e);
    }
  }
}
