package org.radflow.lifecycle.jdbc;

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
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.db.StoreException;
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
import org.radflow.study.BusinessKey;
import org.radflow.study.Change;
import org.radflow.study.Decision;
import org.radflow.study.NewStudy;
import org.radflow.study.OrderNumber;
import org.radflow.study.PatientRef;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.StudyRules;
import org.radflow.study.Transition;
import org.radflow.tracing.Tracing;
import org.radflow.workflow.Deadlines;
import org.radflow.workflow.Policies;
import org.radflow.workflow.RetryPolicy;

/**
 * The study store over JDBC, on either database: the study's own reads and writes, each command one
 * transaction of the {@link Database}. What a transaction does to a study lives in {@link
 * StudyTransactions}, which the step store shares.
 */
public final class JdbcStudyStore implements StudyStore {

  private final Database database;
  private final Dialect dialect;
  private final StudyRules rules;
  private final int inlineLimitBytes;
  private final StudyRows rows;
  private final StudyTransactions transactions;
  private final ChangeWriter writer;
  private final StudyQueries queries;
  private final StudyCounting counting;
  private final StatusSampling sampling;
  private final PatientLinks patientLinks;
  private final Inbox inbox;
  private final Tracing tracing;
  private final OrderNumbers orderNumbers;

  /**
   * Ids by business key, as committed. A business key names one study for good (studies are never
   * deleted or re-keyed), so a remembered id needs no check; each HL7 message asks for one.
   */
  private final Map<BusinessKey, StudyId> ids =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<BusinessKey, StudyId> eldest) {
              return size() > 16_384;
            }
          });

  /**
   * @param inlineLimitBytes the most inline data one command may carry
   * @param holdLimit how long an early transition waits for its prerequisite
   * @param steps writes the steps the policies start, shared with the step store
   * @param tracing tells the trace a command is committed in, stored with its history, events and
   *     steps
   */
  public JdbcStudyStore(
      Database database,
      int inlineLimitBytes,
      Duration holdLimit,
      Deadlines deadlines,
      StepWriter steps,
      Tracing tracing) {
    this.database = database;
    this.tracing = tracing;
    this.dialect = database.dialect();
    this.inlineLimitBytes = inlineLimitBytes;
    this.rules = new StudyRules(holdLimit);
    this.rows = new StudyRows(dialect);
    this.writer = new ChangeWriter(dialect, new Policies(deadlines), steps);
    this.orderNumbers = new OrderNumbers(dialect);
    this.transactions = new StudyTransactions(dialect, rules, rows, writer, orderNumbers);
    this.queries = new StudyQueries(database, dialect, rows);
    this.counting = new StudyCounting(database, dialect);
    this.sampling = new StatusSampling(database, dialect);
    this.patientLinks = new PatientLinks(dialect);
    this.inbox = new Inbox(dialect, rows);
  }

  /** The steps a study's policies start, written in its transactions with this retry policy. */
  public static StepWriter stepWriter(
      Database database, RetryPolicy retry, org.radflow.lifecycle.StepPayloads payloads) {
    return new StepWriter(database.dialect(), retry, payloads);
  }

  /** What the step store does to a study inside its own transactions. */
  public StudyTransactions transactions() {
    return transactions;
  }

  // ---- commands ------------------------------------------------------------------------------

  @Override
  public CreateResult create(NewStudy command) {
    String fingerprint = command.fingerprint();
    for (int attempt = 1; ; attempt++) {
      try {
        CreateResult result = create(command, fingerprint);
        if (result instanceof CreateResult.Created created) {
          transactions.committed(created.study()); // only now: the commit has happened
          ids.put(created.study().businessKey(), created.study().id());
        }
        return result;
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

  private CreateResult create(NewStudy command, String fingerprint) {
    return database.write(
        "create study " + command.businessKey(),
        command.id().value(),
        CommitTrace.carrying(
            trace(),
            c -> {
              // The business key first: a re-send or a conflict is answered as such even when
              // the new content would be refused or is too large.
              Optional<Study> existing = rows.loadByBusinessKey(c, command.businessKey(), true);
              if (existing.isPresent()) {
                return existingOrConflict(c, existing.get(), command, fingerprint);
              }
              int size = InlineSize.of(command.attributes(), command.references());
              if (size > inlineLimitBytes) {
                return new CreateResult.TooLarge(inlineLimitBytes, size);
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
              orderNumbers.record(c, command.id(), command.attributes());
              return new CreateResult.Created(accepted.after(), entries.get(0));
            }));
  }

  /** The trace of the span current on the caller's thread, learnt before the writer takes over. */
  private String trace() {
    return tracing.traceparent().orElse(null);
  }

  private CreateResult existingOrConflict(
      Connection c, Study existing, NewStudy command, String fingerprint) throws SQLException {
    String original = creationFingerprint(c, existing.id());
    if (original.equals(fingerprint)) {
      return new CreateResult.Existing(existing);
    }
    transactions.recordConflict(
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
    if (size > inlineLimitBytes) {
      return new ApplyResult.TooLarge(inlineLimitBytes, size);
    }
    String trace = trace();
    // decided and built before the transaction, so the group's writer only writes it
    StudyTransactions.Prepared prepared =
        CommitTrace.with(trace, () -> transactions.prepare(id, transition, expectedVersion));
    ApplyResult result =
        database.write(
            "apply " + transition.type() + " to study " + id,
            id.value(),
            CommitTrace.carrying(
                trace,
                c ->
                    message == null
                        ? transactions.apply(c, id, transition, expectedVersion, prepared)
                        : inbox.receive(
                            c,
                            id,
                            message,
                            transition.recordTime(),
                            () ->
                                transactions.apply(c, id, transition, expectedVersion, prepared))));
    if (result instanceof ApplyResult.Committed committed) {
      transactions.committed(committed.study()); // only now: the commit has happened
    }
    return result;
  }

  @Override
  public int expireHolds(Instant now, int maxStudies) {
    List<StudyId> due =
        database.read(
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
          database.write(
              "expire holds of study " + id,
              id.value(),
              c -> {
                Optional<Study> found = transactions.load(c, id, true);
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
                transactions.write(c, study, changes, after);
                return true;
              });
      if (expired) {
        changed++;
      }
    }
    return changed;
  }

  @Override
  public void linkPatient(PatientRef retired, PatientRef surviving, Instant at) {
    database.write(
        "link patient " + retired + " to " + surviving,
        c -> {
          patientLinks.link(c, retired, surviving, at);
          return null;
        });
  }

  // ---- queries -------------------------------------------------------------------------------

  @Override
  public Optional<Study> find(StudyId id) {
    return database.read("read study " + id, c -> transactions.load(c, id, false));
  }

  @Override
  public Optional<Study> findByBusinessKey(BusinessKey key) {
    return database.read("read study " + key, c -> rows.loadByBusinessKey(c, key, false));
  }

  @Override
  public Optional<StudyId> idOf(BusinessKey key) {
    StudyId known = ids.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<StudyId> found = database.read("find the id of study " + key, c -> rows.idOf(c, key));
    found.ifPresent(id -> ids.put(key, id));
    return found;
  }

  @Override
  public Optional<StudyId> idOfOrder(OrderNumber.Role role, OrderNumber number) {
    return database.read(
        "find the study of " + role.label() + " " + number,
        c -> orderNumbers.idOf(c, role, number));
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
  public StudyCounts counts(Instant since) {
    return counting.counts(since);
  }

  @Override
  public boolean sampleStatuses(Instant now, Duration retention) {
    return sampling.sample(now, retention);
  }

  @Override
  public List<StatusSample> statusSamples(Instant since) {
    return sampling.since(since);
  }

  @Override
  public List<StudyId> studiesOfPatient(PatientRef patient) {
    return queries.studiesOfPatient(patient);
  }

  @Override
  public PatientRef survivorOf(PatientRef patient) {
    return database.read(
        "find the survivor of patient " + patient, c -> patientLinks.survivorOf(c, patient));
  }

  @Override
  public List<IdempotencyConflict> conflicts(StudyId id) {
    return queries.conflicts(id);
  }

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
}
