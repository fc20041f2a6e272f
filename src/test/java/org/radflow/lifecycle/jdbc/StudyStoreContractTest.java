package org.radflow.lifecycle.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.radflow.lifecycle.jdbc.Commands.PATIENT_A;
import static org.radflow.lifecycle.jdbc.Commands.PATIENT_B;
import static org.radflow.lifecycle.jdbc.Commands.PATIENT_C;
import static org.radflow.lifecycle.jdbc.Commands.at;
import static org.radflow.lifecycle.jdbc.Commands.concurrently;
import static org.radflow.lifecycle.jdbc.Commands.merge;
import static org.radflow.lifecycle.jdbc.Commands.resent;
import static org.radflow.lifecycle.jdbc.Commands.study;
import static org.radflow.lifecycle.jdbc.Commands.transition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.StoreException;
import org.radflow.events.OutboxEvent;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.CreateResult;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.lifecycle.IdempotencyConflict;
import org.radflow.lifecycle.InboundMessage;
import org.radflow.lifecycle.Page;
import org.radflow.lifecycle.StatusSample;
import org.radflow.lifecycle.StudyCounts;
import org.radflow.lifecycle.StudyQuery;
import org.radflow.lifecycle.StudyStore;
import org.radflow.study.AdministrativeState;
import org.radflow.study.Change;
import org.radflow.study.ClinicalState;
import org.radflow.study.Decision;
import org.radflow.study.DistributionState;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.EntryKind;
import org.radflow.study.HeldTransition;
import org.radflow.study.ImagingState;
import org.radflow.study.NewStudy;
import org.radflow.study.OpenException;
import org.radflow.study.OrderNumber;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.Track;
import org.radflow.study.TrackState;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;
import org.radflow.tracing.GivenTrace;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/**
 * The clauses of {@link StudyStore}'s Javadoc, a case each, run against every database by a short
 * subclass. Each case gets a fresh, empty database, so "nothing written" is checked by counting
 * every table, not only by reading the study back.
 */
abstract class StudyStoreContractTest {

  /** A small inline limit, so payloads above it stay small. */
  static final int INLINE_LIMIT = 1024;

  static final Duration HOLD_LIMIT = Duration.ofHours(4);
  static final StoreSettings SETTINGS = new StoreSettings(INLINE_LIMIT, HOLD_LIMIT);
  private static final int POOL_SIZE = 10;
  private static final List<String> TABLES =
      List.of("study", "study_history", "idempotency_key", "idempotency_conflict", "outbox");

  /** One test's fresh, empty database, and how to remove it afterwards. */
  protected record Database(String url, String user, String password, Runnable drop) {}

  /** Creates the empty database this test runs against. */
  protected abstract Database freshDatabase();

  /**
   * Installs, in this database's own SQL, a trigger that aborts every outbox insert of {@code
   * eventType} with the message {@code injected}: a fault in the middle of a commit.
   */
  protected abstract void failOutboxInserts(Statement sql, String eventType) throws SQLException;

  /** A URL of this kind of database that cannot be opened. */
  protected abstract String unreachableUrl();

  Database database;
  Stores stores;
  StudyStore store;
  private Connection plainConnection;

  @BeforeEach
  void openStoreOnFreshDatabase() {
    database = freshDatabase();
    stores = open();
    store = stores.studies();
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

  /** Opens another store on this test's database, as a restarted node would. */
  Stores open() {
    return Stores.open(database.url(), database.user(), database.password(), POOL_SIZE, SETTINGS);
  }

  // ---- trace -------------------------------------------------------------------------------

  static final String TRACE_A = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  static final String TRACE_B = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  static final String TRACE_C = "00-5cf92f3577b34da6a3ce929d0e0e4736-11f067aa0ba902b7-01";

  @Test
  void eachCommandStoresTheTraceItWasGivenInWithItsHistoryEventsAndSteps() {
    GivenTrace trace = new GivenTrace();
    try (Stores traced =
        Stores.open(
            database.url(),
            database.user(),
            database.password(),
            POOL_SIZE,
            SETTINGS.withTracing(trace))) {
      StudyStore tracedStore = traced.studies();
      // created by the untraced store: the traced one has not cached it, so its first command is
      // decided on the writer's thread, the second on the caller's (cached)
      StudyId untraced = created(study("ACC-0").build());
      long untracedSteps = count("select count(*) from step");
      trace.within(TRACE_A);
      StudyId id =
          assertInstanceOf(CreateResult.Created.class, tracedStore.create(study("ACC-1").build()))
              .study()
              .id();
      long startedInA = count("select count(*) from step where trace_parent = '" + TRACE_A + "'");
      assertThat(startedInA)
          .isPositive()
          .isEqualTo(count("select count(*) from step") - untracedSteps);
      trace.within(TRACE_B);
      assertInstanceOf(
          ApplyResult.Committed.class,
          tracedStore.apply(
              untraced, transition(TransitionType.IDENTITY_VALIDATED, "identity-0", 5), null));
      trace.within(TRACE_C);
      assertInstanceOf(
          ApplyResult.Committed.class,
          tracedStore.apply(
              untraced, transition(TransitionType.REPORT_FINALISED, "report-final-0", 6), null));

      assertThat(store.history(id)).extracting(HistoryEntry::traceParent).containsOnly(TRACE_A);
      assertThat(stores.outboxOperations().events(id))
          .extracting(OutboxEvent::traceParent)
          .containsOnly(TRACE_A);
      assertThat(store.history(untraced))
          .extracting(HistoryEntry::traceParent)
          .containsExactly(null, TRACE_B, TRACE_C);
      assertThat(stores.outboxOperations().events(untraced))
          .extracting(OutboxEvent::traceParent)
          .containsExactly(null, TRACE_B, TRACE_C);
      assertThat(count("select count(*) from step where trace_parent is null"))
          .isEqualTo(untracedSteps);
    }
  }

  @Test
  void aCommandGivenOutsideATraceStoresNoTrace() {
    StudyId id = created(study("ACC-1").build());
    apply(id, transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5));

    assertThat(count("select count(*) from step")).isPositive();
    for (String table : List.of("study_history", "outbox", "step")) {
      assertThat(count("select count(*) from " + table + " where trace_parent is not null"))
          .as(table)
          .isZero();
    }
  }

  // ---- create --------------------------------------------------------------------------------

  @Test
  void createOpensTheStudyWithHistoryEntryOneAndItsOutboxRow() {
    NewStudy command = study("ACC-1").build();

    CreateResult.Created created =
        assertInstanceOf(CreateResult.Created.class, store.create(command));

    assertThat(created.study().id()).isEqualTo(command.id());
    assertThat(created.study().version()).isEqualTo(1);
    assertThat(created.entry())
        .isEqualTo(new HistoryEntry(command.id(), 1, new Change.Created(command)));
    assertThat(store.find(command.id())).contains(created.study());
    assertThat(store.findByBusinessKey(command.businessKey())).contains(created.study());
    assertThat(store.history(command.id())).containsExactly(created.entry());
    assertThat(stores.outboxOperations().events(command.id()))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.studyId()).isEqualTo(command.id());
              assertThat(event.studySeq()).isEqualTo(1);
              assertThat(event.eventType()).isEqualTo("study.created");
              assertThat(event.createdAt()).isEqualTo(command.recordTime());
              assertThat(event.publishedAt()).isNull();
              assertThat(event.payload()).contains(command.id().toString(), "ACC-1");
            });
    assertThat(rowCounts())
        .containsEntry("study", 1L)
        .containsEntry("study_history", 1L)
        .containsEntry("outbox", 1L)
        .containsEntry("idempotency_conflict", 0L);
  }

  // ---- the inbox -----------------------------------------------------------------------------

  @Test
  void aRedeliveredMessageIsAnsweredFromTheInboxWithItsFirstOutcomeAndWritesNothing() {
    NewStudy command = study("ACC-1").build();
    store.create(command);
    InboundMessage message = new InboundMessage("ris", "MSG-0001");
    Transition identity = transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5);

    ApplyResult.Committed first =
        assertInstanceOf(
            ApplyResult.Committed.class, store.apply(command.id(), identity, null, message));
    Snapshot before = snapshot(command.id());
    // the transport delivers the same message again — even one whose content was re-keyed
    Transition rekeyed = transition(TransitionType.PROCEDURE_SCHEDULED, "other-key", 6);
    ApplyResult.Duplicate again =
        assertInstanceOf(
            ApplyResult.Duplicate.class, store.apply(command.id(), rekeyed, null, message));

    assertThat(again.originalOutcome()).isEqualTo(first.outcome());
    assertThat(again.originalSeq()).isEqualTo(2);
    assertThat(snapshot(command.id())).isEqualTo(before);
    assertThat(count("select count(*) from inbox")).isEqualTo(1);
    // another source's message with the same id is another message
    assertInstanceOf(
        ApplyResult.Committed.class,
        store.apply(command.id(), rekeyed, null, new InboundMessage("pas", "MSG-0001")));
  }

  @Test
  void aRefusedCommandLeavesNoInboxEntrySoItsMessageCanComeAgain() {
    NewStudy command = study("ACC-1").build();
    store.create(command);
    InboundMessage message = new InboundMessage("ris", "MSG-0002");
    Transition resolveNothing =
        new Transition(
            TransitionType.EXCEPTION_RESOLVED,
            "resolve-1",
            at(5),
            at(5),
            new Source("ris", "MSG-0002"),
            "ris",
            Map.of("exception", "99", "note", "no such exception"),
            List.of());

    assertInstanceOf(
        ApplyResult.Refused.class, store.apply(command.id(), resolveNothing, null, message));

    assertThat(count("select count(*) from inbox")).isZero();
  }

  @Test
  void theInboxEntryCommitsOrRollsBackWithTheCommand() throws SQLException {
    NewStudy command = study("ACC-1").build();
    store.create(command);
    inject("study.transition.applied");
    InboundMessage message = new InboundMessage("ris", "MSG-0003");

    assertThrows(
        StoreException.class,
        () ->
            store.apply(
                command.id(),
                transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5),
                null,
                message));

    assertThat(count("select count(*) from inbox")).isZero();
  }

  @Test
  void createWithTheSameKeyAndContentIsExistingAndWritesNothingEvenUnderAnotherId() {
    NewStudy first = study("ACC-1").build();
    store.create(first);
    Snapshot before = snapshot(first.id());
    NewStudy resent =
        study("ACC-1")
            .id(StudyId.random())
            .learnedAt(at(30))
            .source(new Source("ris", "ORM-1-retry"))
            .actor("downtime-replay")
            .build();
    assertThat(resent.fingerprint()).isEqualTo(first.fingerprint());

    CreateResult.Existing existing =
        assertInstanceOf(CreateResult.Existing.class, store.create(resent));

    assertThat(existing.study()).isEqualTo(before.study().orElseThrow());
    assertThat(snapshot(first.id())).isEqualTo(before);
    assertThat(store.find(resent.id())).isEmpty();
  }

  @Test
  void createWithTheSameKeyAndOtherContentIsAConflictRecordedWithTheStudyUntouched() {
    NewStudy first = study("ACC-1").build();
    store.create(first);
    Snapshot before = snapshot(first.id());
    NewStudy other =
        study("ACC-1").id(StudyId.random()).patient(PATIENT_B).learnedAt(at(30)).build();

    CreateResult.Conflict conflict =
        assertInstanceOf(CreateResult.Conflict.class, store.create(other));

    assertThat(conflict.existing()).isEqualTo(before.study().orElseThrow());
    assertThat(conflict.originalFingerprint()).isEqualTo(first.fingerprint());
    assertThat(conflict.conflictingFingerprint()).isEqualTo(other.fingerprint());
    assertThat(store.conflicts(first.id()))
        .singleElement()
        .satisfies(
            recorded -> {
              assertThat(recorded.studyId()).isEqualTo(first.id());
              assertThat(recorded.idempotencyKey()).contains("ACC-1");
              assertThat(recorded.originalFingerprint()).isEqualTo(first.fingerprint());
              assertThat(recorded.conflictingFingerprint()).isEqualTo(other.fingerprint());
              assertThat(recorded.conflictingCommand()).contains(PATIENT_B.id());
              assertThat(recorded.recordedAt()).isEqualTo(at(30));
            });
    assertUnchangedExceptConflicts(first.id(), before);
    assertThat(store.find(other.id())).isEmpty();
    assertThat(rowCounts()).containsEntry("study", 1L);
  }

  @Test
  void anExistingBusinessKeyIsAConflictEvenWhenTheNewContentWouldBeRefused() {
    NewStudy first = study("ACC-1").build();
    store.create(first);
    NewStudy refusable =
        study("ACC-1")
            .id(StudyId.random())
            .joining(EntryKind.ENCOUNTER, ImagingState.NOT_STARTED)
            .build();

    assertInstanceOf(CreateResult.Conflict.class, store.create(refusable));
    assertThat(store.conflicts(first.id())).hasSize(1);
  }

  @Test
  void createRefusedByTheModelWritesNothing() {
    NewStudy impossible =
        study("ACC-1").joining(EntryKind.ENCOUNTER, ImagingState.NOT_STARTED).build();

    CreateResult.Refused refused =
        assertInstanceOf(CreateResult.Refused.class, store.create(impossible));

    assertThat(refused.refusal()).isEqualTo(Decision.Refusal.INVALID);
    assertThat(refused.message()).contains("ENCOUNTER", "NOT_STARTED");
    assertThat(store.findByBusinessKey(impossible.businessKey())).isEmpty();
    assertThat(store.history(impossible.id())).isEmpty();
    assertThat(rowCounts()).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
  }

  @Test
  void createAboveTheInlineLimitIsTooLargeWithLimitAndActualBytes() {
    // "é" is two bytes in UTF-8: 4 (key) + 1200 (value) bytes.
    NewStudy tooLarge = study("ACC-1").attributes(Map.of("note", "é".repeat(600))).build();

    CreateResult.TooLarge refused =
        assertInstanceOf(CreateResult.TooLarge.class, store.create(tooLarge));

    assertThat(refused).isEqualTo(new CreateResult.TooLarge(INLINE_LIMIT, 1204));
    assertThat(rowCounts()).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());

    NewStudy atTheLimit =
        study("ACC-2").attributes(Map.of("note", "x".repeat(INLINE_LIMIT - 4))).build();
    assertThat(store.create(atTheLimit)).isInstanceOf(CreateResult.Created.class);
  }

  @Test
  void concurrentCreationsWithOneBusinessKeyProduceOneStudy() throws Exception {
    int threads = 8;
    List<NewStudy> commands = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      commands.add(study("ACC-1").source(new Source("ris", "ORM-1-attempt-" + i)).build());
    }

    List<CreateResult> results = concurrently(threads, i -> store.create(commands.get(i)));

    List<CreateResult.Created> created =
        results.stream()
            .filter(CreateResult.Created.class::isInstance)
            .map(CreateResult.Created.class::cast)
            .toList();
    assertThat(created).hasSize(1);
    StudyId winner = created.get(0).study().id();
    assertThat(results)
        .filteredOn(r -> !(r instanceof CreateResult.Created))
        .hasSize(threads - 1)
        .allSatisfy(
            r ->
                assertThat(assertInstanceOf(CreateResult.Existing.class, r).study().id())
                    .isEqualTo(winner));
    assertThat(rowCounts())
        .containsEntry("study", 1L)
        .containsEntry("study_history", 1L)
        .containsEntry("outbox", 1L)
        .containsEntry("idempotency_conflict", 0L);
  }

  // ---- apply ---------------------------------------------------------------------------------

  @Test
  void applyCommitsAtTheNextVersionWithAHistoryAndAnOutboxRowPerChange() {
    StudyId id = created(study("ACC-1").build());
    Transition identity = transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5);
    Transition scheduled = transition(TransitionType.PROCEDURE_SCHEDULED, "schedule-1", 10);

    ApplyResult.Committed first =
        assertInstanceOf(ApplyResult.Committed.class, store.apply(id, identity, 1L));
    ApplyResult.Committed second =
        assertInstanceOf(ApplyResult.Committed.class, store.apply(id, scheduled, null));

    assertThat(first.outcome()).isEqualTo(Decision.Outcome.APPLIED);
    assertThat(first.study().version()).isEqualTo(2);
    assertThat(first.study().clinical()).isEqualTo(ClinicalState.IDENTITY_VALIDATED);
    assertThat(first.appended())
        .containsExactly(new HistoryEntry(id, 2, new Change.Applied(identity, at(5), false)));
    assertThat(second.study().version()).isEqualTo(3);
    assertThat(second.study().clinical()).isEqualTo(ClinicalState.PROCEDURE_SCHEDULED);
    assertThat(store.find(id)).contains(second.study());

    List<HistoryEntry> history = store.history(id);
    assertThat(history).extracting(HistoryEntry::seq).containsExactly(1L, 2L, 3L);
    assertThat(history.subList(1, 3))
        .containsExactly(first.appended().get(0), second.appended().get(0));
    List<OutboxEvent> outbox = stores.outboxOperations().events(id);
    assertThat(outbox)
        .extracting(OutboxEvent::studySeq)
        .containsExactlyElementsOf(history.stream().map(HistoryEntry::seq).toList());
    assertThat(outbox).extracting(OutboxEvent::eventId).doesNotHaveDuplicates();
    assertThat(outbox)
        .extracting(OutboxEvent::eventType)
        .containsExactly("study.created", "study.transition.applied", "study.transition.applied");
    assertThat(outbox).extracting(OutboxEvent::createdAt).containsExactly(at(0), at(5), at(10));
    assertThat(outbox.get(1).payload()).contains("IDENTITY_VALIDATED", "identity-1");
    assertThat(rowCounts()).containsEntry("idempotency_key", 2L);
  }

  @Test
  void applyToAnUnknownStudyIsNotFound() {
    StudyId known = created(study("ACC-1").build());
    Snapshot before = snapshot(known);
    StudyId unknown = StudyId.random();

    ApplyResult result =
        store.apply(unknown, transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5), null);

    assertThat(result).isEqualTo(new ApplyResult.NotFound());
    assertThat(store.find(unknown)).isEmpty();
    assertThat(store.history(unknown)).isEmpty();
    assertThat(snapshot(known)).isEqualTo(before);
  }

  @Test
  void applyAboveTheInlineLimitIsTooLargeWithLimitAndActualBytesAndWritesNothing() {
    StudyId id = created(study("ACC-1").build());
    Snapshot before = snapshot(id);
    String uri = "s3://radflow-blobs/reports/ACC-1.pdf"; // 36 bytes
    Transition tooLarge =
        transition(
            TransitionType.REPORT_FINALISED,
            "report-final-1",
            5,
            Map.of("text", "x".repeat(1000)),
            List.of(new Reference("report-document", uri, "sha256:abc")));
    int expected = 4 + 1000 + "report-document".length() + uri.length() + "sha256:abc".length();

    ApplyResult result = store.apply(id, tooLarge, null);

    assertThat(result).isEqualTo(new ApplyResult.TooLarge(INLINE_LIMIT, expected));
    assertThat(snapshot(id)).isEqualTo(before);
  }

  @Test
  void aResentTransitionIsADuplicateWithTheOriginalOutcomeAndWritesNothing() {
    StudyId id = created(study("ACC-1").build());
    Transition identity = transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5);
    ApplyResult.Committed first =
        assertInstanceOf(ApplyResult.Committed.class, store.apply(id, identity, null));
    Snapshot before = snapshot(id);
    Transition again = resent(identity, "MSG-identity-1-retry", "operator-ann", at(45));

    ApplyResult.Duplicate duplicate =
        assertInstanceOf(ApplyResult.Duplicate.class, store.apply(id, again, null));

    assertThat(duplicate.originalOutcome()).isEqualTo(Decision.Outcome.APPLIED);
    assertThat(duplicate.originalSeq()).isEqualTo(2);
    assertThat(duplicate.study()).isEqualTo(first.study());
    assertThat(snapshot(id)).isEqualTo(before);
  }

  @Test
  void theSameKeyWithOtherContentIsAConflictRecordedAndTheStudyUnchanged() {
    StudyId id = created(study("ACC-1").build());
    Transition identity = transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5);
    store.apply(id, identity, null);
    Snapshot before = snapshot(id);
    Transition otherTime = transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 7);
    Transition otherData =
        transition(
            TransitionType.IDENTITY_VALIDATED, "identity-1", 5, Map.of("ihi", "other"), List.of());

    ApplyResult.Conflict conflict =
        assertInstanceOf(ApplyResult.Conflict.class, store.apply(id, otherTime, null));
    assertInstanceOf(ApplyResult.Conflict.class, store.apply(id, otherData, 2L));

    assertThat(conflict)
        .isEqualTo(
            new ApplyResult.Conflict(
                "identity-1", identity.fingerprint(), otherTime.fingerprint()));
    assertThat(store.conflicts(id))
        .extracting(
            IdempotencyConflict::idempotencyKey,
            IdempotencyConflict::originalFingerprint,
            IdempotencyConflict::conflictingFingerprint,
            IdempotencyConflict::recordedAt)
        .containsExactly(
            tuple("identity-1", identity.fingerprint(), otherTime.fingerprint(), at(7)),
            tuple("identity-1", identity.fingerprint(), otherData.fingerprint(), at(5)));
    assertThat(store.conflicts(id).get(1).conflictingCommand()).contains("identity-1", "other");
    assertUnchangedExceptConflicts(id, before);
  }

  @Test
  void anExpectedVersionThatIsNotCurrentIsAMismatchAndWritesNothing() {
    StudyId id = created(study("ACC-1").build());
    store.apply(id, transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5), null);
    Snapshot before = snapshot(id);
    Transition scheduled = transition(TransitionType.PROCEDURE_SCHEDULED, "schedule-1", 10);

    ApplyResult stale = store.apply(id, scheduled, 1L);

    assertThat(stale).isEqualTo(new ApplyResult.VersionMismatch(1, 2));
    assertThat(snapshot(id)).isEqualTo(before);
    ApplyResult current = store.apply(id, scheduled, 2L);
    assertThat(assertInstanceOf(ApplyResult.Committed.class, current).study().version())
        .isEqualTo(3);
  }

  @Test
  void aRefusedTransitionWritesNothingAndItsKeyAppliesOnceItBecomesLegal() {
    StudyId id =
        created(study("ACC-1").joining(EntryKind.ENCOUNTER, ImagingState.IMAGES_COMMITTED).build());
    store.apply(id, transition(TransitionType.CHARGE_SEEDED, "charge-1", 5), null);
    Transition claim = transition(TransitionType.CLAIM_SUBMITTED, "claim-1", 10);
    Snapshot before = snapshot(id);

    ApplyResult.Refused refused =
        assertInstanceOf(ApplyResult.Refused.class, store.apply(id, claim, null));

    assertThat(refused.refusal()).isEqualTo(Decision.Refusal.OBLIGATION_UNMET);
    assertThat(refused.message()).contains("identity");
    assertThat(refused.study()).isEqualTo(before.study().orElseThrow());
    assertThat(snapshot(id)).isEqualTo(before);

    store.apply(id, transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 15), null);
    ApplyResult.Committed applied =
        assertInstanceOf(ApplyResult.Committed.class, store.apply(id, claim, null));
    assertThat(applied.outcome()).isEqualTo(Decision.Outcome.APPLIED);
    assertThat(applied.study().administrative()).isEqualTo(AdministrativeState.CLAIM_SUBMITTED);
    assertThat(count("select count(*) from idempotency_key where idempotency_key = 'claim-1'"))
        .isEqualTo(1);
  }

  @Test
  void anEarlyFinalReportIsHeldAndReleasedInTheCommitThatAppliesItsImages() {
    StudyId id = created(study("ACC-1").build());
    store.apply(id, transition(TransitionType.ACQUISITION_STARTED, "acq-start-1", 5), null);
    store.apply(id, transition(TransitionType.ACQUISITION_COMPLETED, "acq-done-1", 10), null);
    Transition finalReport = transition(TransitionType.REPORT_FINALISED, "report-final-1", 20);
    Transition images = transition(TransitionType.IMAGES_COMMITTED, "images-1", 25);

    ApplyResult.Committed held =
        assertInstanceOf(ApplyResult.Committed.class, store.apply(id, finalReport, null));

    HeldTransition hold =
        new HeldTransition(finalReport, ImagingState.IMAGES_COMMITTED, at(20).plus(HOLD_LIMIT));
    assertThat(held.outcome()).isEqualTo(Decision.Outcome.HELD);
    assertThat(held.study().version()).isEqualTo(4);
    assertThat(held.study().imaging()).isEqualTo(ImagingState.ACQUISITION_COMPLETE);
    assertThat(held.study().held()).containsExactly(hold);
    assertThat(held.appended()).containsExactly(new HistoryEntry(id, 4, new Change.Held(hold)));
    assertThat(store.find(id)).contains(held.study());

    ApplyResult.Committed released =
        assertInstanceOf(ApplyResult.Committed.class, store.apply(id, images, null));

    assertThat(released.outcome()).isEqualTo(Decision.Outcome.APPLIED);
    assertThat(released.appended())
        .containsExactly(
            new HistoryEntry(id, 5, new Change.Applied(images, at(25), false)),
            new HistoryEntry(id, 6, new Change.Applied(finalReport, at(25), true)));
    Study after = store.find(id).orElseThrow();
    assertThat(after).isEqualTo(released.study());
    assertThat(after.version()).isEqualTo(6);
    assertThat(after.imaging()).isEqualTo(ImagingState.REPORT_FINALISED);
    assertThat(after.distribution()).isEqualTo(DistributionState.PENDING);
    assertThat(after.held()).isEmpty();
    assertThat(store.history(id).subList(3, 6))
        .containsExactlyElementsOf(concat(held.appended(), released.appended()));
    List<OutboxEvent> outbox = stores.outboxOperations().events(id);
    assertThat(outbox).extracting(OutboxEvent::studySeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(outbox.subList(3, 6))
        .extracting(OutboxEvent::eventType)
        .containsExactly(
            "study.transition.held", "study.transition.applied", "study.transition.applied");
    assertThat(outbox.get(4).payload()).contains("images-1");
    assertThat(outbox.get(5).payload()).contains("report-final-1");

    ApplyResult again = store.apply(id, resent(finalReport, "MSG-retry", "ris", at(40)), null);
    assertThat(again).isEqualTo(new ApplyResult.Duplicate(Decision.Outcome.HELD, 4, after));
  }

  @Test
  void anObservationOfAStatePassedCommitsOneEntryMovesNoTrackAndKeepsItsKey() {
    StudyId id = created(study("ACC-1").build());
    store.apply(id, transition(TransitionType.ACQUISITION_STARTED, "acq-start-1", 5), null);
    store.apply(id, transition(TransitionType.ACQUISITION_COMPLETED, "acq-done-1", 10), null);
    store.apply(id, transition(TransitionType.IMAGES_COMMITTED, "step-commit-1", 15), null);
    store.apply(id, transition(TransitionType.REPORT_FINALISED, "report-final-1", 20), null);
    Study before = store.find(id).orElseThrow();
    Transition pacs = transition(TransitionType.IMAGES_COMMITTED, "pacs-commit-1", 25);

    ApplyResult.Committed observed =
        assertInstanceOf(ApplyResult.Committed.class, store.apply(id, pacs, null));

    assertThat(observed.outcome()).isEqualTo(Decision.Outcome.ALREADY_KNOWN);
    assertThat(observed.appended())
        .containsExactly(new HistoryEntry(id, 6, new Change.Observed(pacs, at(25), false)));
    Study after = store.find(id).orElseThrow();
    assertThat(after).isEqualTo(observed.study());
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.imaging()).isEqualTo(ImagingState.REPORT_FINALISED);
    assertThat(after.facts()).isEqualTo(before.facts());
    assertThat(store.history(id)).last().isEqualTo(observed.appended().get(0));
    assertThat(Study.replay(store.history(id).stream().map(HistoryEntry::change).toList()))
        .isEqualTo(after);
    List<OutboxEvent> outbox = stores.outboxOperations().events(id);
    assertThat(outbox)
        .last()
        .extracting(OutboxEvent::eventType)
        .isEqualTo("study.observation.recorded");
    assertThat(outbox.get(outbox.size() - 1).payload()).contains("pacs-commit-1");

    ApplyResult again = store.apply(id, resent(pacs, "MSG-retry", "pacs", at(40)), null);
    assertThat(again)
        .isEqualTo(new ApplyResult.Duplicate(Decision.Outcome.ALREADY_KNOWN, 6, after));
  }

  // ---- expireHolds ---------------------------------------------------------------------------

  @Test
  void anExpiredHoldMovesTheStudyToTheExceptionLaneExactlyOnce() {
    StudyId id = created(study("ACC-1").build());
    Transition finalReport = transition(TransitionType.REPORT_FINALISED, "report-final-1", 20);
    store.apply(id, finalReport, null);
    Instant deadline = at(20).plus(HOLD_LIMIT);
    Snapshot held = snapshot(id);

    assertThat(store.expireHolds(deadline.minusSeconds(1), 10)).isZero();
    assertThat(snapshot(id)).isEqualTo(held);

    Instant now = deadline.plusSeconds(60);
    assertThat(store.expireHolds(now, 10)).isEqualTo(1);

    Study expired = store.find(id).orElseThrow();
    assertThat(expired.version()).isEqualTo(3);
    assertThat(expired.held()).isEmpty();
    assertThat(expired.status().kind()).isEqualTo(EndToEndStatus.Kind.IN_EXCEPTION);
    assertThat(expired.exceptions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(OpenException.Kind.EARLY_EVENT_EXPIRED);
              assertThat(e.openedAt()).isEqualTo(now);
            });
    assertThat(store.history(id))
        .last()
        .isEqualTo(
            new HistoryEntry(
                id, 3, new Change.HoldExpired(finalReport, ImagingState.IMAGES_COMMITTED, now)));
    assertThat(stores.outboxOperations().events(id))
        .last()
        .satisfies(
            e -> {
              assertThat(e.studySeq()).isEqualTo(3);
              assertThat(e.eventType()).isEqualTo("study.hold.expired");
            });
    assertThat(ids(store.search(query(null, null, EndToEndStatus.Kind.IN_EXCEPTION, null))))
        .containsExactly(id);

    Snapshot afterExpiry = snapshot(id);
    assertThat(store.expireHolds(now.plus(Duration.ofHours(1)), 10)).isZero();
    assertThat(snapshot(id)).isEqualTo(afterExpiry);
  }

  @Test
  void expireHoldsChangesAtMostMaxStudiesPerCall() {
    List<StudyId> held = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      StudyId id = created(study("ACC-" + i).build());
      store.apply(id, transition(TransitionType.REPORT_FINALISED, "report-final-" + i, i), null);
      held.add(id);
    }
    StudyId notHeld = created(study("ACC-9").build());
    Instant late = at(60).plus(HOLD_LIMIT);

    assertThat(store.expireHolds(late, 2)).isEqualTo(2);
    assertThat(store.expireHolds(late, 2)).isEqualTo(1);
    assertThat(store.expireHolds(late, 2)).isZero();

    assertThat(held)
        .allSatisfy(
            id ->
                assertThat(store.find(id).orElseThrow().status().kind())
                    .isEqualTo(EndToEndStatus.Kind.IN_EXCEPTION));
    assertThat(store.find(notHeld).orElseThrow().version()).isEqualTo(1);
  }

  // ---- reads ---------------------------------------------------------------------------------

  @Test
  void replayingTheHistoryGivesTheStoredStudy() {
    StudyId id = created(study("ACC-1").build());
    apply(id, transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 1));
    apply(id, transition(TransitionType.PROCEDURE_SCHEDULED, "schedule-1", 2));
    apply(id, transition(TransitionType.ACQUISITION_STARTED, "acq-start-1", 3));
    apply(id, transition(TransitionType.REPORT_PRELIMINARY, "report-prelim-1", 6)); // held
    apply(id, transition(TransitionType.ACQUISITION_COMPLETED, "acq-done-1", 4));
    apply(id, transition(TransitionType.IMAGES_COMMITTED, "images-1", 5)); // releases the prelim
    store.apply(id, transition(TransitionType.IMAGES_COMMITTED, "images-1", 9), null); // conflict
    // refused (an ACQUISITION_STARTED here was refused until it became an observation)
    store.apply(id, transition(TransitionType.IDENTITY_REJECTED, "rejected-late", 9), null);
    apply(id, transition(TransitionType.REPORT_FINALISED, "report-final-1", 7));
    apply(id, transition(TransitionType.CHARGE_SEEDED, "charge-1", 8));
    apply(id, transition(TransitionType.CLAIM_ACCEPTED, "claim-accepted-1", 9)); // held
    apply(id, merge(PATIENT_B, "merge-1", 10));
    assertThat(store.expireHolds(at(9).plus(HOLD_LIMIT), 10)).isEqualTo(1);
    apply(id, transition(TransitionType.REPORT_PUBLISHED, "publish-1", 300));

    Study stored = store.find(id).orElseThrow();
    List<Change> changes = store.history(id).stream().map(HistoryEntry::change).toList();

    assertThat(Study.replay(changes)).isEqualTo(stored);
    assertThat(stored.version()).isEqualTo(changes.size()).isEqualTo(14);
    assertThat(stored.patient()).isEqualTo(PATIENT_B);
    assertThat(stored.distribution()).isEqualTo(DistributionState.PUBLISHED);
    assertThat(stored.exceptions()).hasSize(1);
  }

  @Test
  void searchFiltersByAccessionPatientStatusAndTrackStateAndPagesNewestFirst() {
    StudyId s1 = created(study("ACC-1").patient(PATIENT_A).learnedAt(at(1)).build());
    StudyId s2 = created(study("ACC-2").patient(PATIENT_A).learnedAt(at(2)).build());
    apply(s2, transition(TransitionType.IDENTITY_VALIDATED, "identity-2", 10));
    StudyId s3 =
        created(
            study("ACC-3")
                .patient(PATIENT_B)
                .joining(EntryKind.ENCOUNTER, ImagingState.IMAGES_COMMITTED)
                .learnedAt(at(3))
                .build());
    StudyId s4 = created(study("ACC-4").patient(PATIENT_B).learnedAt(at(4)).build());
    apply(s4, transition(TransitionType.STUDY_CANCELLED, "cancel-4", 11));
    StudyId s5 =
        created(study("ACC-1").authority("OTHER-HOSP").patient(PATIENT_C).learnedAt(at(5)).build());

    assertThat(ids(store.search(query("ACC-2", null, null, null)))).containsExactly(s2);
    assertThat(ids(store.search(query("ACC-1", null, null, null)))).containsExactly(s5, s1);
    assertThat(ids(store.search(query("ACC-404", null, null, null)))).isEmpty();
    assertThat(ids(store.search(query(null, PATIENT_A, null, null)))).containsExactly(s2, s1);
    assertThat(ids(store.search(query(null, null, EndToEndStatus.Kind.ACTIVE, null))))
        .containsExactly(s2);
    assertThat(ids(store.search(query(null, null, EndToEndStatus.Kind.CANCELLED, null))))
        .containsExactly(s4);
    assertThat(ids(store.search(query(null, null, EndToEndStatus.Kind.WAITING, null))))
        .containsExactly(s5, s3, s1);
    assertThat(ids(store.search(query(null, null, null, ImagingState.IMAGES_COMMITTED))))
        .containsExactly(s3);
    assertThat(ids(store.search(query(null, null, null, ClinicalState.IDENTITY_VALIDATED))))
        .containsExactly(s2);
    assertThat(ids(store.search(query(null, PATIENT_B, EndToEndStatus.Kind.WAITING, null))))
        .containsExactly(s3);

    Page<Study> first = store.search(new StudyQuery(null, null, null, null, 0, 2));
    Page<Study> second = store.search(new StudyQuery(null, null, null, null, 2, 2));
    Page<Study> third = store.search(new StudyQuery(null, null, null, null, 4, 2));
    Page<Study> beyond = store.search(new StudyQuery(null, null, null, null, 6, 2));
    assertThat(ids(first)).containsExactly(s5, s4);
    assertThat(ids(second)).containsExactly(s3, s2);
    assertThat(ids(third)).containsExactly(s1);
    assertThat(ids(beyond)).isEmpty();
    assertThat(List.of(first, second, third, beyond))
        .allSatisfy(
            page -> {
              assertThat(page.total()).isEqualTo(5);
              assertThat(page.limit()).isEqualTo(2);
            });
    assertThat(second.offset()).isEqualTo(2);
    assertThat(first.items().get(0)).isEqualTo(store.find(s5).orElseThrow());
  }

  @Test
  void searchFindsAnOrderNumberWithOrWithoutItsAuthority() {
    StudyId s1 =
        created(
            study("ACC-1").attributes(orderNumbers(PLACER_1, FILLER_1)).learnedAt(at(1)).build());
    StudyId s2 =
        created(
            study("ACC-2")
                .attributes(orderNumbers(new OrderNumber("LAB", "PL-1"), null))
                .learnedAt(at(2))
                .build());
    created(study("ACC-3").learnedAt(at(3)).build());

    assertThat(ids(store.search(orders(StudyQuery.OrderMatch.number("PL-1"), null))))
        .containsExactly(s2, s1);
    assertThat(ids(store.search(orders(new StudyQuery.OrderMatch("PL-1", "RIS"), null))))
        .containsExactly(s1);
    assertThat(ids(store.search(orders(null, StudyQuery.OrderMatch.number("FL-1")))))
        .containsExactly(s1);
    assertThat(ids(store.search(orders(null, new StudyQuery.OrderMatch("FL-1", "LAB"))))).isEmpty();
    assertThat(ids(store.search(orders(StudyQuery.OrderMatch.number("FL-1"), null))))
        .as("a filler's number is not a placer's")
        .isEmpty();
    assertThat(store.search(orders(StudyQuery.OrderMatch.number("PL-1"), null)).total())
        .isEqualTo(2);
  }

  @Test
  void searchByServiceFindsStudiesWithAStepThereThatIsOpenOrFailed() throws SQLException {
    StudyId s1 = created(study("ACC-1").learnedAt(at(1)).build());
    StudyId s2 = created(study("ACC-2").learnedAt(at(2)).build());
    apply(s2, transition(TransitionType.IDENTITY_VALIDATED, "identity-2", 10));

    assertThat(ids(store.search(atService(Service.SCHEDULING)))).containsExactly(s2);
    assertThat(ids(store.search(atService(Service.IDENTITY)))).contains(s1);
    assertThat(ids(store.search(atService(Service.BILLING)))).isEmpty();
    for (StepStatus status : StepStatus.values()) {
      setStatusOfTheOnly("RESERVE_SLOT", status);
      boolean unfinished = status.isOpen() || status == StepStatus.FAILED;
      assertThat(ids(store.search(atService(Service.SCHEDULING))))
          .as("a %s step", status)
          .isEqualTo(unfinished ? List.of(s2) : List.of());
    }

    StudyId s3 = created(study("ACC-3").learnedAt(at(3)).build());
    apply(s3, transition(TransitionType.IDENTITY_VALIDATED, "identity-3", 11));
    StudyId s4 = created(study("ACC-4").learnedAt(at(4)).build());
    apply(s4, transition(TransitionType.IDENTITY_VALIDATED, "identity-4", 12));
    List<Page<Study>> pages = new ArrayList<>();
    for (int offset = 0; offset < 3; offset++) {
      pages.add(
          store.search(
              new StudyQuery(
                  null, null, null, null, null, null, Service.SCHEDULING, null, offset, 1)));
    }
    assertThat(pages)
        .extracting(page -> ids(page))
        .containsExactly(List.of(s4), List.of(s3), List.of());
    assertThat(pages).allSatisfy(page -> assertThat(page.total()).isEqualTo(2));
    assertThat(pages.get(0).items().get(0)).isEqualTo(store.find(s4).orElseThrow());
  }

  @Test
  void searchByAgeFindsStudiesCreatedBeforeAnInstantAlongsideTheOtherCriteria() {
    StudyId s1 = created(study("ACC-1").learnedAt(at(1)).build());
    StudyId s2 = created(study("ACC-2").learnedAt(at(2)).build());
    apply(s2, transition(TransitionType.IDENTITY_VALIDATED, "identity-2", 10));
    created(study("ACC-3").learnedAt(at(3)).build());

    assertThat(ids(store.search(createdBefore(at(2), null)))).containsExactly(s1);
    assertThat(ids(store.search(createdBefore(at(3), null)))).containsExactly(s2, s1);
    assertThat(ids(store.search(createdBefore(at(3), EndToEndStatus.Kind.ACTIVE))))
        .containsExactly(s2);
    assertThat(store.search(createdBefore(at(1), null)).total()).isZero();
  }

  static StudyQuery orders(StudyQuery.OrderMatch placer, StudyQuery.OrderMatch filler) {
    return new StudyQuery(null, null, null, null, placer, filler, null, null, 0, 50);
  }

  static StudyQuery atService(Service service) {
    return new StudyQuery(null, null, null, null, null, null, service, null, 0, 50);
  }

  static StudyQuery createdBefore(Instant before, EndToEndStatus.Kind status) {
    return new StudyQuery(null, null, status, null, null, null, null, before, 0, 50);
  }

  /** Puts the one step of {@code kind} in {@code status}, as the step engine would have. */
  void setStatusOfTheOnly(String kind, StepStatus status) throws SQLException {
    try (PreparedStatement s =
        sql().prepareStatement("update step set status = ? where kind = ?")) {
      s.setString(1, status.name());
      s.setString(2, kind);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void countsTellStudiesPerStatusAndTrackStateAndWhatOpenedAndCompletedSince() {
    StudyId done = created(study("ACC-1").learnedAt(at(1)).build());
    int minute = 10;
    for (TransitionType type :
        List.of(
            TransitionType.IDENTITY_VALIDATED,
            TransitionType.PROCEDURE_SCHEDULED,
            TransitionType.ACQUISITION_STARTED,
            TransitionType.ACQUISITION_COMPLETED,
            TransitionType.IMAGES_COMMITTED,
            TransitionType.REPORT_FINALISED,
            TransitionType.REPORT_PUBLISHED,
            TransitionType.CHARGE_SEEDED,
            TransitionType.CLAIM_SUBMITTED,
            TransitionType.CLAIM_ACCEPTED,
            TransitionType.FINANCIALLY_RECONCILED)) {
      apply(done, transition(type, type + "-1", minute++));
    }
    StudyId active = created(study("ACC-2").learnedAt(at(2)).build());
    apply(active, transition(TransitionType.IDENTITY_VALIDATED, "identity-2", 5));
    StudyId waiting = created(study("ACC-3").learnedAt(at(3)).build());
    List<Study> studies = List.of(found(done), found(active), found(waiting));
    assertThat(found(done).status().kind()).isEqualTo(EndToEndStatus.Kind.FINANCIALLY_COMPLETE);

    StudyCounts counts = store.counts(at(2));

    assertThat(counts.total()).isEqualTo(3);
    Map<EndToEndStatus.Kind, Long> byStatus = new java.util.EnumMap<>(EndToEndStatus.Kind.class);
    for (EndToEndStatus.Kind kind : EndToEndStatus.Kind.values()) {
      byStatus.put(kind, 0L);
    }
    byStatus.put(EndToEndStatus.Kind.FINANCIALLY_COMPLETE, 1L);
    byStatus.put(EndToEndStatus.Kind.ACTIVE, 1L);
    byStatus.put(EndToEndStatus.Kind.WAITING, 1L);
    assertThat(counts.byStatus()).isEqualTo(byStatus);
    assertThat(counts.byTrackState()).containsOnlyKeys(Track.values());
    for (Track track : Track.values()) {
      Map<TrackState, Long> states = counts.byTrackState().get(track);
      assertThat(states.keySet()).allSatisfy(state -> assertThat(state.track()).isEqualTo(track));
      assertThat(states.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
      for (Study study : studies) {
        TrackState state = stateOn(study, track);
        long expected = studies.stream().filter(st -> stateOn(st, track) == state).count();
        assertThat(states.get(state)).as("%s %s", track, state).isEqualTo(expected);
      }
    }
    assertThat(counts.byTrackState().get(Track.CLINICAL).get(ClinicalState.ORDER_RECEIVED))
        .isEqualTo(1);
    assertThat(counts.since()).isEqualTo(at(2));
    assertThat(counts.openedSince()).isEqualTo(2);
    assertThat(store.counts(at(1)).openedSince()).isEqualTo(3);
    assertThat(store.counts(at(4)).openedSince()).isZero();
    Instant completedAt = found(done).updatedAt();
    assertThat(store.counts(completedAt).completedSince()).isEqualTo(1);
    assertThat(store.counts(completedAt.plusMillis(1)).completedSince()).isZero();
  }

  Study found(StudyId id) {
    return store.find(id).orElseThrow();
  }

  private static TrackState stateOn(Study study, Track track) {
    return switch (track) {
      case CLINICAL -> study.clinical();
      case IMAGING -> study.imaging();
      case ADMINISTRATIVE -> study.administrative();
      case DISTRIBUTION -> study.distribution();
    };
  }

  @Test
  void aStatusSampleIsTakenOncePerMinuteReadOldestFirstAndDroppedAfterTheRetention() {
    Duration retention = Duration.ofHours(1);
    created(study("ACC-1").learnedAt(at(1)).build());
    Instant minute = Instant.parse("2026-03-01T10:00:00Z");

    assertThat(store.sampleStatuses(minute.plusSeconds(7), retention)).isTrue();
    StudyId second = created(study("ACC-2").learnedAt(at(2)).build());
    apply(second, transition(TransitionType.IDENTITY_VALIDATED, "identity-2", 5));
    assertThat(store.sampleStatuses(minute.plusSeconds(59), retention))
        .as("the minute was sampled already")
        .isFalse();
    try (Stores otherNode = open()) {
      assertThat(otherNode.studies().sampleStatuses(minute.plusSeconds(30), retention))
          .as("nor does another node sample it again")
          .isFalse();
    }
    assertThat(store.sampleStatuses(minute.plusSeconds(60), retention)).isTrue();

    List<StatusSample> samples = store.statusSamples(minute);
    assertThat(samples)
        .extracting(StatusSample::sampledAt)
        .containsExactly(minute, minute.plusSeconds(60));
    assertThat(samples.get(0).studies())
        .containsEntry(EndToEndStatus.Kind.WAITING, 1L)
        .containsEntry(EndToEndStatus.Kind.ACTIVE, 0L)
        .hasSize(EndToEndStatus.Kind.values().length);
    assertThat(samples.get(1).studies())
        .containsEntry(EndToEndStatus.Kind.WAITING, 1L)
        .containsEntry(EndToEndStatus.Kind.ACTIVE, 1L);
    assertThat(store.statusSamples(minute.plusSeconds(1))).hasSize(1);

    assertThat(store.sampleStatuses(minute.plus(retention).plusSeconds(60), retention)).isTrue();
    assertThat(store.statusSamples(Instant.EPOCH))
        .extracting(StatusSample::sampledAt)
        .as("samples older than the retention are gone")
        .containsExactly(minute.plusSeconds(60), minute.plus(retention).plusSeconds(60));
  }

  @Test
  void studiesOfPatientFollowAPatientMerge() {
    StudyId a1 = created(study("ACC-1").patient(PATIENT_A).learnedAt(at(1)).build());
    StudyId a2 = created(study("ACC-2").patient(PATIENT_A).learnedAt(at(2)).build());
    StudyId b1 = created(study("ACC-3").patient(PATIENT_B).learnedAt(at(3)).build());

    assertThat(store.studiesOfPatient(PATIENT_A)).containsExactlyInAnyOrder(a1, a2);
    assertThat(store.studiesOfPatient(PATIENT_B)).containsExactly(b1);

    apply(a2, merge(PATIENT_B, "merge-1", 10));

    assertThat(store.studiesOfPatient(PATIENT_A)).containsExactly(a1);
    assertThat(store.studiesOfPatient(PATIENT_B)).containsExactlyInAnyOrder(a2, b1);
    assertThat(store.studiesOfPatient(PATIENT_C)).isEmpty();
    Study merged = store.find(a2).orElseThrow();
    assertThat(merged.patient()).isEqualTo(PATIENT_B);
    assertThat(merged.mergedFrom()).containsExactly(PATIENT_A);
    assertThat(ids(store.search(query(null, PATIENT_B, null, null)))).containsExactly(b1, a2);
  }

  // ---- concurrency, atomicity, faults --------------------------------------------------------

  @Test
  void concurrentTransitionsOnOneStudyAllCommitWithContiguousVersionsAndHistory() throws Exception {
    StudyId id = created(study("ACC-1").build());
    apply(id, transition(TransitionType.ACQUISITION_STARTED, "acq-start-1", 1));
    apply(id, transition(TransitionType.ACQUISITION_COMPLETED, "acq-done-1", 2));
    apply(id, transition(TransitionType.IMAGES_COMMITTED, "images-1", 3));
    int threads = 8;
    int perThread = 5;

    List<List<ApplyResult>> results =
        concurrently(
            threads,
            t -> {
              List<ApplyResult> mine = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                Transition prelim =
                    transition(
                        TransitionType.REPORT_PRELIMINARY,
                        "prelim-" + t + "-" + i,
                        10 + t * perThread + i);
                mine.add(store.apply(id, prelim, null));
              }
              return mine;
            });

    int n = 4 + threads * perThread;
    List<ApplyResult> all = results.stream().flatMap(List::stream).toList();
    assertThat(all)
        .allSatisfy(
            r ->
                assertThat(assertInstanceOf(ApplyResult.Committed.class, r).outcome())
                    .isEqualTo(Decision.Outcome.APPLIED));
    assertThat(
            all.stream().map(r -> ((ApplyResult.Committed) r).study().version()).sorted().toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(5, n).boxed().toList());
    assertThat(store.find(id).orElseThrow().version()).isEqualTo(n);
    List<Long> expectedSeqs = LongStream.rangeClosed(1, n).boxed().toList();
    assertThat(store.history(id))
        .extracting(HistoryEntry::seq)
        .containsExactlyElementsOf(expectedSeqs);
    List<OutboxEvent> outbox = stores.outboxOperations().events(id);
    assertThat(outbox).extracting(OutboxEvent::studySeq).containsExactlyElementsOf(expectedSeqs);
    assertThat(outbox).extracting(OutboxEvent::eventId).doesNotHaveDuplicates();
    assertThat(rowCounts())
        .containsEntry("study_history", (long) n)
        .containsEntry("outbox", (long) n)
        .containsEntry("idempotency_key", (long) n - 1);
  }

  @Test
  void concurrentCopiesOfOneCommandCommitOnceAndAreDuplicatesOtherwise() throws Exception {
    int threads = 8;
    for (int round = 0; round < 5; round++) {
      StudyId id = created(study("ACC-COPY-" + round).build());
      apply(id, transition(TransitionType.ACQUISITION_STARTED, "acq-start", 1));
      apply(id, transition(TransitionType.ACQUISITION_COMPLETED, "acq-done", 2));
      Transition images = transition(TransitionType.IMAGES_COMMITTED, "images", 3);

      List<ApplyResult> results =
          concurrently(
              threads, t -> store.apply(id, resent(images, "MSG-" + t, "pacs", at(4)), null));

      assertThat(results).filteredOn(ApplyResult.Committed.class::isInstance).hasSize(1);
      assertThat(results)
          .filteredOn(r -> !(r instanceof ApplyResult.Committed))
          .allSatisfy(r -> assertThat(r).isInstanceOf(ApplyResult.Duplicate.class));
      assertThat(store.find(id).orElseThrow().version()).isEqualTo(4);
    }
  }

  @Test
  void aFaultInTheOutboxInsertLeavesNothingOfTheApply() throws SQLException {
    StudyId id = created(study("ACC-1").build());
    apply(id, transition(TransitionType.REPORT_FINALISED, "report-final-1", 5)); // held
    // Cancelling writes the applied change and then refuses the held report: the fault hits the
    // second outbox row, after the history rows and the first outbox row are written.
    inject("study.hold.refused");
    Snapshot before = snapshot(id);

    Transition cancel = transition(TransitionType.STUDY_CANCELLED, "cancel-1", 10);
    assertThatThrownBy(() -> store.apply(id, cancel, null))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("injected");

    assertThat(snapshot(id)).isEqualTo(before);
    assertThat(before.study().orElseThrow().version()).isEqualTo(2);
    assertThat(count("select count(*) from idempotency_key where idempotency_key = 'cancel-1'"))
        .isZero();
    assertThat(count("select count(*) from study_history where idempotency_key = 'cancel-1'"))
        .isZero();
    // The store is not left broken: a command whose events are not injected still commits.
    apply(id, transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 11));
    assertThat(store.find(id).orElseThrow().version()).isEqualTo(3);
  }

  @Test
  void aFaultInTheOutboxInsertLeavesNothingOfTheCreate() throws SQLException {
    inject("study.created");
    NewStudy command = study("ACC-1").build();

    assertThatThrownBy(() -> store.create(command))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("injected");

    assertThat(store.findByBusinessKey(command.businessKey())).isEmpty();
    assertThat(rowCounts()).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
  }

  @Test
  void pingAnswersWhileTheDatabaseDoes() {
    stores.database().ping();
    stores.close();

    assertThrows(StoreException.class, stores.database()::ping);
  }

  @Test
  void aClosedStoreFailsWithStoreException() {
    StudyId id = created(study("ACC-1").build());
    Transition identity = transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5);
    stores.close();

    assertThrows(StoreException.class, () -> store.find(id));
    assertThrows(StoreException.class, () -> store.history(id));
    assertThrows(StoreException.class, () -> stores.outboxOperations().events(id));
    assertThrows(StoreException.class, () -> store.search(query("ACC-1", null, null, null)));
    assertThrows(StoreException.class, () -> store.apply(id, identity, null));
    assertThrows(StoreException.class, () -> store.create(study("ACC-2").build()));
    assertThrows(StoreException.class, () -> store.expireHolds(at(600), 10));
  }

  @Test
  void anUnreachableDatabaseFailsWithARetryableStoreException() {
    StoreException e =
        assertThrows(
            StoreException.class,
            () -> Stores.open(unreachableUrl(), database.user(), database.password(), 2, SETTINGS));

    assertThat(e.kind()).isEqualTo(StoreException.Kind.UNAVAILABLE);
    assertThat(e.isRetryable()).isTrue();
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Everything a command could have written, as the store and the tables show it. */
  record Snapshot(
      Optional<Study> study,
      List<HistoryEntry> history,
      List<OutboxEvent> outbox,
      List<IdempotencyConflict> conflicts,
      Map<String, Long> rows) {}

  Snapshot snapshot(StudyId id) {
    return new Snapshot(
        store.find(id),
        store.history(id),
        stores.outboxOperations().events(id),
        store.conflicts(id),
        rowCounts());
  }

  private void assertUnchangedExceptConflicts(StudyId id, Snapshot before) {
    Snapshot after = snapshot(id);
    assertThat(after.study()).isEqualTo(before.study());
    assertThat(after.history()).isEqualTo(before.history());
    assertThat(after.outbox()).isEqualTo(before.outbox());
    Map<String, Long> rows = new LinkedHashMap<>(after.rows());
    rows.remove("idempotency_conflict");
    Map<String, Long> rowsBefore = new LinkedHashMap<>(before.rows());
    rowsBefore.remove("idempotency_conflict");
    assertThat(rows).isEqualTo(rowsBefore);
  }

  StudyId created(NewStudy command) {
    return assertInstanceOf(CreateResult.Created.class, store.create(command)).study().id();
  }

  ApplyResult.Committed apply(StudyId id, Transition transition) {
    return assertInstanceOf(ApplyResult.Committed.class, store.apply(id, transition, null));
  }

  static StudyQuery query(
      String accession, PatientRef patient, EndToEndStatus.Kind status, TrackState trackState) {
    return new StudyQuery(accession, patient, status, trackState, 0, 50);
  }

  static List<StudyId> ids(Page<Study> page) {
    return page.items().stream().map(Study::id).toList();
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** A plain JDBC connection to this test's database, beside the store's own pool. */
  Connection sql() throws SQLException {
    if (plainConnection == null) {
      plainConnection =
          DriverManager.getConnection(database.url(), database.user(), database.password());
    }
    return plainConnection;
  }

  private void inject(String eventType) throws SQLException {
    try (Statement s = sql().createStatement()) {
      failOutboxInserts(s, eventType);
    }
  }

  Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, count("select count(*) from " + table));
    }
    return counts;
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

  @Test
  void aRetiredPatientLivesOnAsItsSurvivorThroughEveryMerge() {
    PatientRef a = new PatientRef("MRN", "A");
    PatientRef b = new PatientRef("MRN", "B");
    PatientRef c = new PatientRef("MRN", "C");
    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    assertThat(store.survivorOf(a)).isEqualTo(a);

    store.linkPatient(a, b, at);
    store.linkPatient(b, c, at.plusSeconds(60));
    assertThat(store.survivorOf(a)).isEqualTo(c);
    assertThat(store.survivorOf(b)).isEqualTo(c);

    // unmerged and merged the other way: C now lives on as A, and no chain loops
    store.linkPatient(c, a, at.plusSeconds(120));
    assertThat(store.survivorOf(c)).isEqualTo(a);
    assertThat(store.survivorOf(a)).isEqualTo(a);
    assertThat(store.survivorOf(b)).isEqualTo(a);
  }

  // ---- order numbers -------------------------------------------------------------------------

  static final OrderNumber PLACER_1 = new OrderNumber("RIS", "PL-1");
  static final OrderNumber FILLER_1 = new OrderNumber("RIS", "FL-1");

  static Map<String, String> orderNumbers(OrderNumber placer, OrderNumber filler) {
    Map<String, String> values = new LinkedHashMap<>(Map.of("modality", "CT"));
    OrderNumber.Role.PLACER.put(values, placer);
    OrderNumber.Role.FILLER.put(values, filler);
    return values;
  }

  @Test
  void aNewStudysOrderNumbersFindItEachInItsRoleAndAuthority() {
    NewStudy command = study("ACC-1").attributes(orderNumbers(PLACER_1, FILLER_1)).build();
    store.create(command);

    assertThat(store.idOfOrder(OrderNumber.Role.PLACER, PLACER_1)).contains(command.id());
    assertThat(store.idOfOrder(OrderNumber.Role.FILLER, FILLER_1)).contains(command.id());
    // a placer's number is not a filler's, and the same number from another authority is another
    assertThat(store.idOfOrder(OrderNumber.Role.FILLER, new OrderNumber("RIS", "PL-1"))).isEmpty();
    assertThat(store.idOfOrder(OrderNumber.Role.FILLER, new OrderNumber("LAB", "FL-1"))).isEmpty();
  }

  @Test
  void aTransitionCarryingAnOrderNumberTheStudyLacksGivesItThatNumber() {
    NewStudy command = study("ACC-1").build();
    store.create(command);
    assertThat(store.idOfOrder(OrderNumber.Role.FILLER, FILLER_1)).isEmpty();

    assertInstanceOf(
        ApplyResult.Committed.class,
        store.apply(
            command.id(),
            transition(
                TransitionType.IDENTITY_VALIDATED,
                "identity-1",
                5,
                orderNumbers(null, FILLER_1),
                List.of()),
            null));

    assertThat(store.idOfOrder(OrderNumber.Role.FILLER, FILLER_1)).contains(command.id());
    assertThat(store.idOfOrder(OrderNumber.Role.PLACER, PLACER_1)).isEmpty();
  }

  @Test
  void aStudyKeepsTheFirstOrderNumberItWasGivenInEachRole() {
    NewStudy command = study("ACC-1").attributes(orderNumbers(null, FILLER_1)).build();
    store.create(command);
    OrderNumber other = new OrderNumber("RIS", "FL-2");

    store.apply(
        command.id(),
        transition(
            TransitionType.IDENTITY_VALIDATED,
            "identity-1",
            5,
            orderNumbers(null, other),
            List.of()),
        null);

    assertThat(store.idOfOrder(OrderNumber.Role.FILLER, FILLER_1)).contains(command.id());
    assertThat(store.idOfOrder(OrderNumber.Role.FILLER, other)).isEmpty();
  }

  @Test
  void anOrderNumberAnotherStudyHoldsStaysWithThatStudyAndTheSecondStudyStillOpens() {
    NewStudy first = study("ACC-1").attributes(orderNumbers(PLACER_1, FILLER_1)).build();
    NewStudy second = study("ACC-2").attributes(orderNumbers(PLACER_1, FILLER_1)).build();
    store.create(first);

    assertInstanceOf(CreateResult.Created.class, store.create(second));

    assertThat(store.idOfOrder(OrderNumber.Role.PLACER, PLACER_1)).contains(first.id());
    assertThat(store.idOfOrder(OrderNumber.Role.FILLER, FILLER_1)).contains(first.id());
  }
}
