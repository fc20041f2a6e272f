package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * idempotency row of the command, the steps the policies start, and the study row under its version
 * check — only if the study is still at the version the change was decided on and the command's
 * idempotency key is still unused; otherwise nothing.
 *
 * <p>Where the database allows data-modifying common table expressions (PostgreSQL) all of it, the
 * checks and the relays' notification go in one statement, one round trip: the update of the study
 * row comes first and every insert selects from it, so a failed check writes nothing. That lets a
 * command decide on the study it has cached and write without reading or locking it first.
 * Elsewhere (SQLite, in-process, where a round trip is a function call) statement by statement.
 * Either way it is one transaction.
 */
final class ChangeWriter {

  /** A command's use of its idempotency key: written with its changes, and required unused. */
  record KeyUse(String key, String fingerprint, String outcome) {}

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
   * Writes {@code changes} after {@code before}, with the study row moved from {@code
   * before.version()} to {@code after}; the caller holds the study's lock or knows no one else can
   * change it.
   *
   * @throws SQLException (serialization failure) when the study is no longer at that version
   */
  List<HistoryEntry> write(Connection c, Study before, List<Change> changes, Study after)
      throws SQLException {
    List<HistoryEntry> entries = writeIfCurrent(c, before, changes, null, after);
    if (entries == null) {
      throw new SQLException(
          "study " + after.id() + " is no longer at version " + before.version(), "40001");
    }
    return entries;
  }

  /**
   * A change with its rows built, ready for {@link #writeIfCurrent(Connection, Prepared)}: built
   * outside the transaction, so a group's writer spends its time on the database, not on this.
   */
  record Prepared(
      Study after,
      KeyUse key,
      List<HistoryEntry> entries,
      Row update,
      List<Row> history,
      List<Row> outbox,
      Row keyRow,
      List<StepWriter.Planned> planned,
      List<Row> stepRows) {}

  /** Builds the rows of {@code changes} after {@code before}, with {@code key}'s (may be null). */
  Prepared prepare(Study before, List<Change> changes, KeyUse key, Study after) {
    List<Row> history = new ArrayList<>();
    List<Row> outbox = new ArrayList<>();
    List<StepWriter.Planned> planned = new ArrayList<>();
    List<HistoryEntry> entries = rows(before, changes, history, outbox, planned);
    Row keyRow =
        key == null
            ? null
            : new Row()
                .id(after.id().value())
                .text(key.key())
                .text(key.fingerprint())
                .text(key.outcome())
                .number(before.version() + 1);
    Row update = changing(new Row(), after).id(after.id().value()).number(before.version());
    List<Row> stepRows = dialect.combinesWrites() ? steps.startRows(planned) : null;
    return new Prepared(after, key, entries, update, history, outbox, keyRow, planned, stepRows);
  }

  /**
   * Writes {@code changes} after {@code before} with {@code key}'s row (may be null), if the study
   * row is still at {@code before.version()} and the key is unused on the study; returns null and
   * writes nothing otherwise.
   */
  List<HistoryEntry> writeIfCurrent(
      Connection c, Study before, List<Change> changes, KeyUse key, Study after)
      throws SQLException {
    return writeIfCurrent(c, prepare(before, changes, key, after));
  }

  /** Writes a prepared change under the conditions of {@link #writeIfCurrent}. */
  List<HistoryEntry> writeIfCurrent(Connection c, Prepared change) throws SQLException {
    if (dialect.combinesWrites()) {
      if (!writeCombined(c, change)) {
        return null;
      }
      if (change.stepRows() == null) {
        steps.write(c, change.planned());
      }
      return change.entries();
    }
    KeyUse key = change.key();
    if (key != null && keyUsed(c, change.after(), key.key())) {
      return null;
    }
    try (PreparedStatement s = c.prepareStatement(ChangeSql.UPDATE_STUDY)) {
      change.update().bind(s, 1, dialect);
      if (s.executeUpdate() != 1) {
        return null;
      }
    }
    insertAll(c, ChangeSql.HISTORY_COLUMNS, ChangeSql.HISTORY_WIDTH, change.history());
    insertAll(c, ChangeSql.OUTBOX_COLUMNS, ChangeSql.OUTBOX_WIDTH, change.outbox());
    if (change.keyRow() != null) {
      insertAll(c, ChangeSql.KEY_COLUMNS, ChangeSql.KEY_WIDTH, List.of(change.keyRow()));
    }
    steps.write(c, change.planned());
    return change.entries();
  }

  /** The one statement of {@link #writeIfCurrent} on PostgreSQL; whether it wrote. */
  private boolean writeCombined(Connection c, Prepared change) throws SQLException {
    KeyUse key = change.key();
    List<Row> history = change.history();
    List<Row> outbox = change.outbox();
    Row keyRow = change.keyRow();
    List<Row> stepRows = change.stepRows();
    int stepCount = stepRows == null ? 0 : stepRows.size();
    String sql =
        combinedSql.computeIfAbsent(
            history.size() + ":" + (key != null) + ":" + stepCount,
            k -> ChangeSql.combined(history, outbox, keyRow, stepRows));
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int next = change.update().bind(s, 1, dialect);
      if (key != null) {
        dialect.setId(s, next++, change.after().id().value());
        s.setString(next++, key.key());
      }
      for (Row row : history) {
        next = row.bind(s, next, dialect);
      }
      for (Row row : outbox) {
        next = row.bind(s, next, dialect);
      }
      if (keyRow != null) {
        next = keyRow.bind(s, next, dialect);
      }
      for (int i = 0; i < stepCount; i++) {
        next = stepRows.get(i).bind(s, next, dialect);
      }
      try (ResultSet result = s.executeQuery()) {
        result.next();
        boolean updated = result.getInt(1) == 1;
        if (updated && result.getInt(2) != 1) {
          // the key was checked unused in the same statement; if it was taken meanwhile, retry
          throw new SQLException("idempotency key " + key.key() + " was used meanwhile", "40001");
        }
        return updated;
      }
    }
  }

  /** Whether {@code key} was used on the study before. */
  private boolean keyUsed(Connection c, Study study, String key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select 1 from idempotency_key where study_id = ? and idempotency_key = ?")) {
      dialect.setId(s, 1, study.id().value());
      s.setString(2, key);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next();
      }
    }
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
    List<Row> history = new ArrayList<>();
    List<Row> outbox = new ArrayList<>();
    List<StepWriter.Planned> planned = new ArrayList<>();
    List<HistoryEntry> entries = rows(null, changes, history, outbox, planned);
    List<Row> stepRows = dialect.combinesWrites() ? steps.startRows(planned) : null;
    if (stepRows == null) {
      insertAll(c, ChangeSql.STUDY_COLUMNS, ChangeSql.STUDY_WIDTH, List.of(studyRow));
      insertAll(c, ChangeSql.HISTORY_COLUMNS, ChangeSql.HISTORY_WIDTH, history);
      insertAll(c, ChangeSql.OUTBOX_COLUMNS, ChangeSql.OUTBOX_WIDTH, outbox);
      steps.write(c, planned);
      return entries;
    }
    // PostgreSQL: the study, its first history and outbox rows and its first steps in one
    // statement
    StringBuilder sql =
        new StringBuilder("with opened as (insert into ").append(ChangeSql.STUDY_COLUMNS);
    sql.append(" values ").append(Row.placeholders(ChangeSql.STUDY_WIDTH)).append(" returning id)");
    ChangeSql.valuesInsert(
        sql, "history", ChangeSql.HISTORY_COLUMNS, history.size(), ChangeSql.HISTORY_WIDTH, "");
    ChangeSql.valuesInsert(
        sql, "events", ChangeSql.OUTBOX_COLUMNS, outbox.size(), ChangeSql.OUTBOX_WIDTH, "");
    if (!stepRows.isEmpty()) {
      ChangeSql.valuesInsert(
          sql,
          "started",
          StepWriter.insertColumns(),
          stepRows.size(),
          StepWriter.WIDTH,
          " on conflict (idempotency_key) do nothing");
    }
    sql.append(" select count(*) from opened");
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int next = studyRow.bind(s, 1, dialect);
      for (Row row : history) {
        next = row.bind(s, next, dialect);
      }
      for (Row row : outbox) {
        next = row.bind(s, next, dialect);
      }
      for (Row row : stepRows) {
        next = row.bind(s, next, dialect);
      }
      s.executeQuery().close();
    }
    return entries;
  }

  /** Inserts the rows into {@code columns} ({@code table (a, b, …)}) in one batch. */
  private void insertAll(Connection c, String columns, int width, List<Row> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement("insert into " + columns + " values " + Row.placeholders(width))) {
      for (Row row : rows) {
        row.bind(s, 1, dialect);
        s.addBatch();
      }
      s.executeBatch();
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
    String trace = CommitTrace.current();
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
              .text(StudyJson.change(change))
              .text(trace));
      outbox.add(
          new Row()
              .id(HistoryEntry.eventId(current.id(), seq))
              .id(current.id().value())
              .number(seq)
              .text(change.eventType())
              .text(EventPayload.of(current, seq, change))
              .instant(change.at())
              .number(RelayPartition.of(current.id()))
              .text(trace));
      entries.add(new HistoryEntry(current.id(), seq, change, trace));
    }
    return entries;
  }

  /**
   * The study columns every change may rewrite, in the order of {@link ChangeSql#CHANGING_COLUMNS}.
   */
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
