package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.radflow.db.Dialect;
import org.radflow.db.Row;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.lifecycle.RelayPartition;
import org.radflow.study.Change;
import org.radflow.study.HeldTransition;
import org.radflow.study.Study;
import org.radflow.workflow.Policies;
import org.radflow.workflow.Reaction;

/**
 * Writes what an accepted command changed: one history row and one outbox row per change, the
 * idempotency row of the command, and the study row under its version check.
 *
 * <p>Where the database allows data-modifying common table expressions (PostgreSQL) all of it goes
 * in one statement, one round trip; elsewhere (SQLite, in-process, where a round trip is a function
 * call) statement by statement. Either way it is one transaction.
 */
final class ChangeWriter {

  private static final String HISTORY_COLUMNS =
      "study_history (study_id, seq, change_type, transition_type, idempotency_key,"
          + " business_time, record_time, source_system, source_ref, actor, body)";
  private static final int HISTORY_WIDTH = 11;
  private static final String OUTBOX_COLUMNS =
      "outbox (event_id, study_id, study_seq, event_type, payload, created_at, relay_partition)";
  private static final int OUTBOX_WIDTH = 7;
  private static final String KEY_COLUMNS =
      "idempotency_key (study_id, idempotency_key, fingerprint, outcome, history_seq)";
  private static final int KEY_WIDTH = 5;
  private static final String CHANGING_COLUMNS =
      "patient_authority, patient_id, clinical_state, imaging_state, administrative_state,"
          + " distribution_state, status_index, next_hold_deadline, detail, version, updated_at";
  private static final int CHANGING_WIDTH = 11;

  private static final String UPDATE_STUDY =
      "update study set "
          + String.join(" = ?, ", CHANGING_COLUMNS.split(", "))
          + " = ? where id = ? and version = ?";

  private final Dialect dialect;
  private final Policies policies;
  private final StepWriter steps;
  private final Map<String, String> combinedSql = new ConcurrentHashMap<>();

  ChangeWriter(Dialect dialect, Policies policies, StepWriter steps) {
    this.dialect = dialect;
    this.policies = policies;
    this.steps = steps;
  }

  /**
   * Writes {@code changes} after {@code before}, with {@code keyRow} (may be null) and the study
   * row moved from {@code before.version()} to {@code after}.
   */
  List<HistoryEntry> write(
      Connection c, Study before, List<Change> changes, Row keyRow, Study after)
      throws SQLException {
    List<Row> history = new ArrayList<>();
    List<Row> outbox = new ArrayList<>();
    List<StepWriter.Planned> planned = new ArrayList<>();
    List<HistoryEntry> entries = rows(before, changes, history, outbox, planned);
    Row update = updateRow(after, before.version());
    if (dialect.combinesWrites()) {
      String sql =
          combinedSql.computeIfAbsent(
              history.size() + ":" + (keyRow != null),
              k -> combined(history.size(), keyRow != null));
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int next = 1;
        for (Row row : history) {
          next = row.bind(s, next, dialect);
        }
        for (Row row : outbox) {
          next = row.bind(s, next, dialect);
        }
        if (keyRow != null) {
          next = keyRow.bind(s, next, dialect);
        }
        update.bind(s, next, dialect);
        checkOneStudyRow(s.executeUpdate(), after, before.version());
      }
    } else {
      insertAll(
          c,
          "insert into " + HISTORY_COLUMNS + " values " + Row.placeholders(HISTORY_WIDTH),
          history);
      insertAll(
          c, "insert into " + OUTBOX_COLUMNS + " values " + Row.placeholders(OUTBOX_WIDTH), outbox);
      if (keyRow != null) {
        insertAll(
            c,
            "insert into " + KEY_COLUMNS + " values " + Row.placeholders(KEY_WIDTH),
            List.of(keyRow));
      }
      try (PreparedStatement s = c.prepareStatement(UPDATE_STUDY)) {
        update.bind(s, 1, dialect);
        checkOneStudyRow(s.executeUpdate(), after, before.version());
      }
    }
    steps.write(c, planned);
    notifyRelays(c);
    return entries;
  }

  /** Writes a new study's row, with its creation fingerprint, and its history and outbox rows. */
  List<HistoryEntry> writeCreation(
      Connection c, Study study, String fingerprint, List<Change> changes) throws SQLException {
    Row studyRow =
        changing(
            new Row()
                .id(study.id().value())
                .text(study.businessKey().assigningAuthority())
                .text(study.businessKey().accessionNumber())
                .text(study.entryKind().name())
                .text(fingerprint)
                .instant(study.createdAt()),
            study);
    insertAll(
        c,
        "insert into study (id, assigning_authority, accession_number, entry_kind,"
            + " creation_fingerprint, created_at, "
            + CHANGING_COLUMNS
            + ") values "
            + Row.placeholders(6 + CHANGING_WIDTH),
        List.of(studyRow));
    List<Row> history = new ArrayList<>();
    List<Row> outbox = new ArrayList<>();
    List<StepWriter.Planned> planned = new ArrayList<>();
    List<HistoryEntry> entries = rows(null, changes, history, outbox, planned);
    insertAll(
        c,
        "insert into " + HISTORY_COLUMNS + " values " + Row.placeholders(HISTORY_WIDTH),
        history);
    insertAll(
        c, "insert into " + OUTBOX_COLUMNS + " values " + Row.placeholders(OUTBOX_WIDTH), outbox);
    steps.write(c, planned);
    notifyRelays(c);
    return entries;
  }

  /**
   * Wakes the relays of other nodes at commit (PostgreSQL); the notification dies with a rollback.
   */
  private void notifyRelays(Connection c) throws SQLException {
    String sql = dialect.outboxNotify();
    if (sql != null) {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.execute();
      }
    }
  }

  static Row keyRow(
      java.util.UUID study, String key, String fingerprint, String outcome, long historySeq) {
    return new Row().id(study).text(key).text(fingerprint).text(outcome).number(historySeq);
  }

  private String combined(int changes, boolean withKey) {
    StringBuilder sql = new StringBuilder("with history as (insert into ").append(HISTORY_COLUMNS);
    sql.append(" values ").append(valuesList(changes, HISTORY_WIDTH)).append(")");
    sql.append(", outbox_rows as (insert into ").append(OUTBOX_COLUMNS);
    sql.append(" values ").append(valuesList(changes, OUTBOX_WIDTH)).append(")");
    if (withKey) {
      sql.append(", key_use as (insert into ").append(KEY_COLUMNS);
      sql.append(" values ").append(Row.placeholders(KEY_WIDTH)).append(")");
    }
    return sql.append(' ').append(UPDATE_STUDY).toString();
  }

  private static String valuesList(int rows, int width) {
    return String.join(", ", java.util.Collections.nCopies(rows, Row.placeholders(width)));
  }

  private void insertAll(Connection c, String sql, List<Row> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (Row row : rows) {
        row.bind(s, 1, dialect);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void checkOneStudyRow(int updated, Study after, long readVersion)
      throws SQLException {
    if (updated != 1) {
      // The row lock makes this unreachable; if it happens, roll back rather than overwrite.
      throw new SQLException(
          "study " + after.id() + " is no longer at version " + readVersion, "40001");
    }
  }

  /** Folds the changes, collecting their rows and what the policies ask for after each. */
  private List<HistoryEntry> rows(
      Study before,
      List<Change> changes,
      List<Row> history,
      List<Row> outbox,
      List<StepWriter.Planned> planned) {
    List<HistoryEntry> entries = new ArrayList<>();
    Study current = before;
    long seq = before == null ? 0 : before.version();
    for (Change change : changes) {
      seq++;
      Study previous = current;
      current = current == null ? Study.replay(List.of(change)) : current.evolve(change);
      for (Reaction reaction : policies.react(previous, change, current)) {
        planned.add(new StepWriter.Planned(current, seq, change.at(), reaction));
      }
      HistoryRow row = HistoryRow.of(change);
      history.add(
          new Row()
              .id(current.id().value())
              .number(seq)
              .text(row.changeType())
              .text(row.transitionType())
              .text(row.idempotencyKey())
              .instant(row.businessTime())
              .instant(change.at())
              .text(row.sourceSystem())
              .text(row.sourceRef())
              .text(row.actor())
              .text(StudyJson.change(change)));
      outbox.add(
          new Row()
              .id(HistoryEntry.eventId(current.id(), seq))
              .id(current.id().value())
              .number(seq)
              .text(change.eventType())
              .text(EventPayload.of(current, seq, change))
              .instant(change.at())
              .number(RelayPartition.of(current.id())));
      entries.add(new HistoryEntry(current.id(), seq, change));
    }
    return entries;
  }

  private static Row updateRow(Study study, long readVersion) {
    return changing(new Row(), study).id(study.id().value()).number(readVersion);
  }

  /** The study columns every change may rewrite, in the order of {@link #CHANGING_COLUMNS}. */
  private static Row changing(Row row, Study study) {
    return row.text(study.patient().assigningAuthority())
        .text(study.patient().id())
        .text(study.clinical().name())
        .text(study.imaging().name())
        .text(study.administrative().name())
        .text(study.distribution().name())
        .text(study.status().kind().name())
        .instant(nextHoldDeadline(study))
        .text(StudyJson.detail(study))
        .number(study.version())
        .instant(study.updatedAt());
  }

  static Instant nextHoldDeadline(Study study) {
    return study.held().stream()
        .map(HeldTransition::deadline)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }
}
