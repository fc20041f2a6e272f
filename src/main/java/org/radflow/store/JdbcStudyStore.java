package org.radflow.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterChange;
import org.radflow.deadletter.DeadLetterPage;
import org.radflow.deadletter.DeadLetterQuery;
import org.radflow.deadletter.DeadLetterReprocessor;
import org.radflow.deadletter.NewDeadLetter;
import org.radflow.outbox.OutboxEvent;
import org.radflow.study.BusinessKey;
import org.radflow.study.Change;
import org.radflow.study.Decision;
import org.radflow.study.NewStudy;
import org.radflow.study.PatientRef;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.StudyRules;
import org.radflow.study.Transition;
import org.radflow.workflow.Policies;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/**
 * The store's one implementation of the contract over JDBC; the two databases differ only in their
 * {@link Dialect} and in how a write transaction is entered ({@link #inWriteTransaction}).
 */
abstract class JdbcStudyStore implements Store {

  private static final int CONTENTION_RETRIES = 5;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final StudyRules rules;
  private final StoreSettings settings;
  private final ChangeWriter writer;
  private final StepWriter stepWriter;
  private final Reads reads;
  private final StudyRows rows;
  private final StudyQueries queries;
  private final StepRows stepRows;
  private final OperatorActions audit;
  private final PatientLinks patientLinks;
  private final StepCommands steps;
  private final ServiceStates services;
  private final JdbcOutbox outbox;
  private final JdbcWebhooks webhooks;
  private final Inbox inbox;
  private final JdbcDeadLetters deadLetters;

  JdbcStudyStore(DataSource dataSource, Dialect dialect, StoreSettings settings) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.stepWriter = new StepWriter(dialect, settings.retry());
    this.writer = new ChangeWriter(dialect, new Policies(settings.deadlines()), stepWriter);
    this.reads = new Reads(dataSource, dialect);
    this.rows = new StudyRows(dialect);
    this.queries = new StudyQueries(reads, dialect, rows);
    this.settings = settings;
    this.rules = new StudyRules(settings.holdLimit());
    this.stepRows = new StepRows(dialect);
    this.audit = new OperatorActions(dialect);
    this.patientLinks = new PatientLinks(dialect);
    this.steps = new StepCommands(this, dialect, stepRows, stepWriter, audit);
    this.services = new ServiceStates(this, dialect, audit);
    this.outbox = new JdbcOutbox(this, dialect, audit);
    this.webhooks = new JdbcWebhooks(this, dialect, audit);
    this.inbox = new Inbox(dialect, rows);
    this.deadLetters = new JdbcDeadLetters(this, dialect, audit);
  }

  private final List<Runnable> commitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Runs {@code listener} after every committed write transaction of this store — the in-process
   * wake-up of the outbox relay. It must be quick and must not throw.
   */
  @Override
  public void onCommit(Runnable listener) {
    commitListeners.add(listener);
  }

  /** Tells the listeners a write transaction committed. */
  final void written() {
    for (Runnable listener : commitListeners) {
      listener.run();
    }
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one write transaction and commits it; on SQL failure rolls back and throws
   * the translated {@link StoreException}. Contention is retried a few times before it surfaces.
   */
  <T> T inWriteTransaction(String operation, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        T result = transaction(work);
        written();
        return result;
      } catch (SQLException e) {
        StoreException translated = dialect.translate(e, operation);
        if (translated.kind() != StoreException.Kind.CONTENDED || attempt >= CONTENTION_RETRIES) {
          throw translated;
        }
      }
    }
  }

  private <T> T transaction(SqlWork<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } catch (AssertionError e) {
        SQLException lost = driverAssertion(e);
        rollbackQuietly(connection, lost);
        throw lost;
      }
    }
  }

  /**
   * pgjdbc before its fix for pgjdbc/pgjdbc#1458 (PR #4187) throws {@code AssertionError} instead
   * of an SQLException when the connection is lost in the middle of {@code executeBatch} and the
   * JVM runs with {@code -ea} (as tests do): a lost connection, which must reach the caller as
   * UNAVAILABLE (HL7 AE, HTTP 503) rather than kill its thread. Assertions of anyone else's code
   * pass through untouched.
   */
  private static SQLException driverAssertion(AssertionError e) {
    StackTraceElement[] where = e.getStackTrace();
    if (where.length == 0 || !where[0].getClassName().startsWith("org.postgresql.")) {
      throw e;
    }
    return new SQLException("the database connection was lost during a batch", "08006", e);
  }

  <T> T read(String operation, SqlWork<T> work) {
    return reads.read(operation, work);
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  // ---- commands ------------------------------------------------------------------------------

  @Override
  public CreateResult create(NewStudy command) {
    String fingerprint = command.fingerprint();
    for (int attempt = 1; ; attempt++) {
      try {
        return inWriteTransaction(
            "create study " + command.businessKey(),
            c -> {
              // The business key first: a re-send or a conflict is answered as such even when
              // the new content would be refused or is too large.
              Optional<Study> existing = rows.loadByBusinessKey(c, command.businessKey(), true);
              if (existing.isPresent()) {
                return existingOrConflict(c, existing.get(), command, fingerprint);
              }
              int size = InlineSize.of(command.attributes(), command.references());
              if (size > settings.inlineLimitBytes()) {
                return new CreateResult.TooLarge(settings.inlineLimitBytes(), size);
              }
              PatientRef survivor = patientLinks.survivorOf(c, command.patient());
              Decision decision =
                  rules.create(
                      survivor.equals(command.patient()) ? command : command.forSurvivor(survivor));
              if (decision instanceof Decision.Refused refused) {
                return new CreateResult.Refused(refused.refusal(), refused.message());
              }
              Decision.Accepted accepted = (Decision.Accepted) decision;
              List<HistoryEntry> entries =
                  writer.writeCreation(c, accepted.after(), fingerprint, accepted.changes());
              return new CreateResult.Created(accepted.after(), entries.get(0));
            });
      } catch (StoreException e) {
        // A concurrent creation with the same business key won the race: answer as a re-send.
        if (attempt == 1
            && e.getCause() instanceof SQLException sql
            && dialect.isUniqueViolation(sql)) {
          continue;
        }
        throw e;
      }
    }
  }

  private CreateResult existingOrConflict(
      Connection c, Study existing, NewStudy command, String fingerprint) throws SQLException {
    String original = creationFingerprint(c, existing.id());
    if (original.equals(fingerprint)) {
      return new CreateResult.Existing(existing);
    }
    recordConflict(
        c,
        existing.id(),
        "create:" + command.businessKey(),
        original,
        fingerprint,
        StudyJson.write(StudyJson.newStudy(command)),
        command.recordTime());
    return new CreateResult.Conflict(existing, original, fingerprint);
  }

  @Override
  public ApplyResult apply(StudyId id, Transition transition, Long expectedVersion) {
    return apply(id, transition, expectedVersion, null);
  }

  @Override
  public ApplyResult apply(
      StudyId id, Transition transition, Long expectedVersion, InboundMessage message) {
    int size = InlineSize.of(transition.data(), transition.references());
    if (size > settings.inlineLimitBytes()) {
      return new ApplyResult.TooLarge(settings.inlineLimitBytes(), size);
    }
    ApplyResult result =
        inWriteTransaction(
            "apply " + transition.type() + " to study " + id,
            c ->
                message == null
                    ? applyIn(c, id, transition, expectedVersion)
                    : inbox.receive(
                        c,
                        id,
                        message,
                        transition.recordTime(),
                        () -> applyIn(c, id, transition, expectedVersion)));
    if (result instanceof ApplyResult.Committed committed) {
      rows.committed(committed.study()); // only now: the commit has happened
    }
    return result;
  }

  /**
   * The body of {@link #apply}, inside a transaction the caller owns, so a step's completion can
   * apply its result in the same commit. The caller reports committed studies to {@link #committed}
   * once the commit has happened.
   */
  ApplyResult applyIn(Connection c, StudyId id, Transition transition, Long expectedVersion)
      throws SQLException {
    String fingerprint = transition.fingerprint();
    Loaded loaded = loadWithKeyUse(c, id, transition.idempotencyKey());
    if (loaded == null) {
      return new ApplyResult.NotFound();
    }
    Study study = loaded.study();
    KeyUse prior = loaded.keyUse();
    if (prior != null) {
      if (prior.fingerprint().equals(fingerprint)) {
        return new ApplyResult.Duplicate(prior.outcome(), prior.seq(), study);
      }
      recordConflict(
          c,
          id,
          transition.idempotencyKey(),
          prior.fingerprint(),
          fingerprint,
          StudyJson.write(StudyJson.transition(transition)),
          transition.recordTime());
      return new ApplyResult.Conflict(
          transition.idempotencyKey(), prior.fingerprint(), fingerprint);
    }
    if (expectedVersion != null && expectedVersion != study.version()) {
      return new ApplyResult.VersionMismatch(expectedVersion, study.version());
    }
    Decision decision = rules.decide(study, transition);
    if (decision instanceof Decision.Refused refused) {
      return new ApplyResult.Refused(refused.refusal(), refused.message(), study);
    }
    Decision.Accepted accepted = (Decision.Accepted) decision;
    Row keyRow =
        ChangeWriter.keyRow(
            id.value(),
            transition.idempotencyKey(),
            fingerprint,
            accepted.outcome().name(),
            study.version() + 1);
    List<HistoryEntry> entries =
        writer.write(c, study, accepted.changes(), keyRow, accepted.after());
    return new ApplyResult.Committed(accepted.outcome(), accepted.after(), entries);
  }

  /** Loads and locks a study that must exist (a step's study: the foreign key keeps it). */
  Study loadForUpdate(Connection c, StudyId id) throws SQLException {
    return rows.load(c, id, true)
        .orElseThrow(() -> new SQLException("study " + id + " does not exist", "02000"));
  }

  /** Remembers studies whose commit has happened, for the decoded-study cache. */
  void committed(Study study) {
    rows.committed(study);
  }

  @Override
  public int expireHolds(Instant now, int maxStudies) {
    List<StudyId> due =
        read(
            "find studies with expired holds",
            c -> {
              List<StudyId> ids = new ArrayList<>();
              try (PreparedStatement s =
                  c.prepareStatement(
                      "select id from study where next_hold_deadline <= ?"
                          + " order by next_hold_deadline limit ?")) {
                dialect.setInstant(s, 1, now);
                s.setInt(2, maxStudies);
                try (ResultSet rows = s.executeQuery()) {
                  while (rows.next()) {
                    ids.add(new StudyId(dialect.getId(rows, "id")));
                  }
                }
              }
              return ids;
            });
    int changed = 0;
    for (StudyId id : due) {
      boolean expired =
          inWriteTransaction(
              "expire holds of study " + id,
              c -> {
                Optional<Study> found = rows.load(c, id, true);
                if (found.isEmpty()) {
                  return false;
                }
                Study study = found.get();
                List<Change> changes = rules.expireHolds(study, now);
                if (changes.isEmpty()) {
                  return false; // another node expired them first
                }
                Study after = study;
                for (Change change : changes) {
                  after = after.evolve(change);
                }
                writer.write(c, study, changes, null, after);
                return true;
              });
      if (expired) {
        changed++;
      }
    }
    return changed;
  }

  // ---- queries -------------------------------------------------------------------------------

  @Override
  public Optional<Study> find(StudyId id) {
    return read("read study " + id, c -> rows.load(c, id, false));
  }

  @Override
  public Optional<Study> findByBusinessKey(BusinessKey key) {
    return read("read study " + key, c -> rows.loadByBusinessKey(c, key, false));
  }

  @Override
  public Optional<StudyId> idOf(BusinessKey key) {
    return read(
        "find the id of study " + key,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select id from study where assigning_authority = ? and accession_number = ?")) {
            s.setString(1, key.assigningAuthority());
            s.setString(2, key.accessionNumber());
            try (ResultSet found = s.executeQuery()) {
              return found.next()
                  ? Optional.of(new StudyId(dialect.getId(found, "id")))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<HistoryEntry> history(StudyId id) {
    return queries.history(id);
  }

  @Override
  public Page<Study> search(StudyQuery query) {
    return queries.search(query);
  }

  @Override
  public List<StudyId> studiesOfPatient(PatientRef patient) {
    return queries.studiesOfPatient(patient);
  }

  @Override
  public void linkPatient(PatientRef retired, PatientRef surviving, Instant at) {
    inWriteTransaction(
        "link patient " + retired + " to " + surviving,
        c -> {
          patientLinks.link(c, retired, surviving, at);
          return null;
        });
  }

  @Override
  public PatientRef survivorOf(PatientRef patient) {
    return read(
        "find the survivor of patient " + patient, c -> patientLinks.survivorOf(c, patient));
  }

  @Override
  public List<OutboxEvent> outbox(StudyId id) {
    return queries.outbox(id);
  }

  @Override
  public List<IdempotencyConflict> conflicts(StudyId id) {
    return queries.conflicts(id);
  }

  // ---- rows ----------------------------------------------------------------------------------

  private String creationFingerprint(Connection c, StudyId id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select creation_fingerprint from study where id = ?")) {
      dialect.setId(s, 1, id.value());
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getString(1).trim();
      }
    }
  }

  /** Event ids are derived from study and position, so any re-publication carries the same id. */
  static UUID eventId(StudyId study, long seq) {
    return UUID.nameUUIDFromBytes((study + ":" + seq).getBytes(StandardCharsets.UTF_8));
  }

  private record KeyUse(String fingerprint, Decision.Outcome outcome, long seq) {}

  private record Loaded(Study study, KeyUse keyUse) {}

  /**
   * Loads and locks a study, then reads the earlier use of an idempotency key on it — in that
   * order, as two statements. Under READ COMMITTED a statement that waited for the row lock sees
   * the locked row as its holder committed it but any joined row from its own older snapshot, so
   * reading the key in the same statement would miss a key committed by the lock's previous holder.
   * Null when there is no such study.
   */
  private Loaded loadWithKeyUse(Connection c, StudyId id, String key) throws SQLException {
    Optional<Study> study = rows.load(c, id, true);
    if (study.isEmpty()) {
      return null;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "select fingerprint, outcome, history_seq from idempotency_key"
                + " where study_id = ? and idempotency_key = ?")) {
      dialect.setId(s, 1, id.value());
      s.setString(2, key);
      try (ResultSet rows = s.executeQuery()) {
        KeyUse use =
            rows.next()
                ? new KeyUse(
                    rows.getString(1).trim(),
                    Decision.Outcome.valueOf(rows.getString(2)),
                    rows.getLong(3))
                : null;
        return new Loaded(study.get(), use);
      }
    }
  }

  private void recordConflict(
      Connection c,
      StudyId id,
      String key,
      String original,
      String conflicting,
      String command,
      Instant at)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into idempotency_conflict (study_id, idempotency_key, original_fingerprint,"
                + " conflicting_fingerprint, conflicting_command, recorded_at)"
                + " values (?, ?, ?, ?, ?, ?)")) {
      dialect.setId(s, 1, id.value());
      s.setString(2, key);
      s.setString(3, original);
      s.setString(4, conflicting);
      s.setString(5, command);
      dialect.setInstant(s, 6, at);
      s.executeUpdate();
    }
  }

  // ---- steps ---------------------------------------------------------------------------------

  @Override
  public List<ClaimedStep> claim(String owner, int limit, Instant now, Duration lease) {
    return steps.claim(owner, limit, now, lease);
  }

  @Override
  public StepCommit finish(ClaimedStep step, StepFinish finish, Instant now) {
    return steps.finish(step, finish, now);
  }

  @Override
  public List<StepRecord> steps(StudyId study) {
    return read("read steps of study " + study, c -> stepRows.ofStudy(c, study));
  }

  @Override
  public Optional<StepRecord> step(UUID id) {
    return read("read step " + id, c -> stepRows.load(c, id, false));
  }

  @Override
  public Redrive redrive(UUID step, String actor, String reason, Instant now) {
    return steps.redrive(step, actor, reason, now);
  }

  @Override
  public ApplyResult compensate(StudyId study, String actor, String reason, Instant now) {
    return steps.compensate(study, actor, reason, now);
  }

  @Override
  public ApplyResult resolve(
      StudyId study, long exception, String actor, String note, Instant now) {
    return steps.resolve(study, exception, actor, note, now);
  }

  @Override
  public List<ServiceStatus> services() {
    return services.all();
  }

  @Override
  public boolean markDown(Service service, String reason, Instant now) {
    return services.markDown(service, reason, now);
  }

  @Override
  public int suspendPendingOfUnavailable(Instant now) {
    return services.suspendPendingOfUnavailable(now);
  }

  @Override
  public boolean markRecovered(Service service, Instant now) {
    return services.markRecovered(service, now);
  }

  @Override
  public ServiceStatus startRelease(
      Service service, String actor, String reason, boolean force, Instant now) {
    return services.startRelease(service, actor, reason, force, now);
  }

  @Override
  public int releaseDue(Service service, Instant now) {
    return services.releaseDue(service, now);
  }

  @Override
  public ServiceStatus configureRelease(
      Service service,
      ServiceStatus.ReleaseMode mode,
      double perSecond,
      String actor,
      Instant now) {
    return services.configure(service, mode, perSecond, actor, now);
  }

  @Override
  public Map<Service, Map<StepStatus, Long>> stepCounts() {
    return services.stepCounts();
  }

  @Override
  public List<OperatorAction> actions(StudyId study, int limit) {
    return read("read operator actions", c -> audit.list(c, study, limit));
  }

  @Override
  public void audit(OperatorAction action) {
    inWriteTransaction(
        "audit " + action.action(),
        c -> {
          audit.record(
              c,
              action.at(),
              action.actor(),
              action.action(),
              action.target(),
              action.study(),
              action.reason(),
              action.outcome());
          return null;
        });
  }

  // ---- outbox relay --------------------------------------------------------------------------

  @Override
  public List<RelayLease> leasePartitions(String owner, Instant now, Duration lease) {
    return outbox.leasePartitions(owner, now, lease);
  }

  @Override
  public void releasePartitions(String owner) {
    outbox.releasePartitions(owner);
  }

  @Override
  public List<OutboxEvent> pending(List<Integer> partitions, int limit) {
    return outbox.pending(partitions, limit);
  }

  @Override
  public boolean markPublished(
      String owner, List<RelayLease> leases, List<OutboxEvent> events, Instant now) {
    return outbox.markPublished(owner, leases, events, now);
  }

  @Override
  public void recordFailure(OutboxEvent event, String error, boolean park, Instant now) {
    outbox.recordFailure(event, error, park, now);
  }

  @Override
  public int attempts(OutboxEvent event) {
    return outbox.attempts(event);
  }

  @Override
  public List<ParkedEvent> parked(int limit) {
    return outbox.parked(limit);
  }

  @Override
  public boolean unpark(long outboxId, String actor, String reason, Instant now) {
    return outbox.unpark(outboxId, actor, reason, now);
  }

  @Override
  public OutboxStatus outboxStatus(Instant now) {
    return outbox.status(now);
  }

  @Override
  public int deletePublished(Instant before, int batch) {
    return outbox.deletePublished(before, batch);
  }

  @Override
  public List<OutboxEvent> historyEvents(StudyId study) {
    return outbox.historyEvents(study);
  }

  @Override
  public List<OutboxEvent> historyEvents(Instant from, Instant to, int limit) {
    return outbox.historyEvents(from, to, limit);
  }

  @Override
  public void enqueueReplays(List<OutboxEvent> events, Instant now) {
    outbox.enqueueReplays(events, now);
  }

  // ---- webhooks (JdbcWebhooks) ---------------------------------------------------------------

  @Override
  public WebhookSubscription subscribe(
      String url, String secret, List<String> eventTypes, String actor, Instant now) {
    return webhooks.subscribe(url, secret, eventTypes, actor, now);
  }

  @Override
  public List<WebhookSubscription> subscriptions() {
    return webhooks.subscriptions();
  }

  @Override
  public Optional<WebhookSubscription> subscription(UUID id) {
    return webhooks.subscription(id);
  }

  @Override
  public Optional<WebhookSubscription> deactivate(
      UUID id, String actor, String reason, Instant now) {
    return webhooks.deactivate(id, actor, reason, now);
  }

  @Override
  public int deliverNow(OutboxEvent event, boolean replay, Instant now) {
    return webhooks.deliverNow(event, replay, now);
  }

  /** For the relay: the deliveries of {@code event}, inside its own transaction. */
  int insertWebhookDeliveries(Connection c, OutboxEvent event, boolean replay, Instant now)
      throws SQLException {
    return webhooks.insertDeliveries(c, event, replay, now);
  }

  @Override
  public List<DueDelivery> nextDue(int limit, Instant now, Duration lease) {
    return webhooks.nextDue(limit, now, lease);
  }

  @Override
  public boolean delivered(long id, int attempt, int httpStatus, Instant now) {
    return webhooks.delivered(id, attempt, httpStatus, now);
  }

  @Override
  public boolean failed(
      long id, int attempt, Integer httpStatus, String error, Instant nextAttemptAt) {
    return webhooks.failed(id, attempt, httpStatus, error, nextAttemptAt);
  }

  @Override
  public boolean dead(long id, int attempt, Integer httpStatus, String error, Instant now) {
    return webhooks.dead(id, attempt, httpStatus, error, now);
  }

  @Override
  public Optional<WebhookDelivery> delivery(long id) {
    return webhooks.delivery(id);
  }

  @Override
  public List<WebhookDelivery> deadLetters(UUID subscriptionId, int limit) {
    return webhooks.deadLetters(subscriptionId, limit);
  }

  @Override
  public Redelivery redeliver(long deliveryId, String actor, String reason, Instant now) {
    return webhooks.redeliver(deliveryId, actor, reason, now);
  }

  @Override
  public Map<WebhookDelivery.Status, Long> deliveryCounts() {
    return webhooks.deliveryCounts();
  }

  // ---- dead letters (JdbcDeadLetters) --------------------------------------------------------

  @Override
  public long recordDeadLetter(NewDeadLetter letter) {
    return deadLetters.record(letter);
  }

  @Override
  public Optional<DeadLetter> deadLetter(long id) {
    return deadLetters.find(id);
  }

  @Override
  public Optional<DeadLetter> deadLetterForRawRead(
      long id, String actor, String reason, Instant now) {
    return deadLetters.forRawRead(id, actor, reason, now);
  }

  @Override
  public DeadLetterPage searchDeadLetters(DeadLetterQuery query) {
    return deadLetters.search(query);
  }

  @Override
  public DeadLetterChange claimForReprocess(
      long id, String actor, String reason, Instant now, Duration lease) {
    return deadLetters.claim(id, actor, reason, now, lease);
  }

  @Override
  public DeadLetterChange finishReprocess(
      long id,
      int attempt,
      DeadLetterReprocessor.Outcome outcome,
      String actor,
      String reason,
      Instant now) {
    return deadLetters.finish(id, attempt, outcome, actor, reason, now);
  }

  @Override
  public DeadLetterChange discardDeadLetter(long id, String actor, String reason, Instant now) {
    return deadLetters.discard(id, actor, reason, now);
  }

  @Override
  public void ping() {
    read(
        "ping",
        c -> {
          try (PreparedStatement s = c.prepareStatement("select 1");
              ResultSet rows = s.executeQuery()) {
            return rows.next();
          }
        });
  }

  @Override
  public String describe() {
    return dialect.name();
  }
}
