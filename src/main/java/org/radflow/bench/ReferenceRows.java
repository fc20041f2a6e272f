package org.radflow.bench;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.UUID;
import org.radflow.db.Dialect;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.lifecycle.RelayPartition;
import org.radflow.study.StudyId;

/**
 * The reference workload's SQL and the values it binds: the columns radflow's {@code ChangeWriter}
 * writes into study, study_history and outbox, filled from a {@link CommandShapes.Command}, with
 * ids and instants bound as radflow binds them ({@link Dialect}).
 */
final class ReferenceRows {

  static final String AUTHORITY = "REFERENCE";

  static final String INSERT_HISTORY =
      "insert into study_history (study_id, seq, change_type, transition_type, idempotency_key,"
          + " business_time, record_time, source_system, source_ref, actor, body) values "
          + marks(11);
  static final String INSERT_OUTBOX =
      "insert into outbox (event_id, study_id, study_seq, event_type, payload, created_at,"
          + " relay_partition) values "
          + marks(7);
  static final String INSERT_STUDY =
      "insert into study (id, assigning_authority, accession_number, entry_kind,"
          + " creation_fingerprint, created_at, patient_authority, patient_id, clinical_state,"
          + " imaging_state, administrative_state, distribution_state, status_index,"
          + " next_hold_deadline, detail, version, updated_at) values "
          + marks(17);
  static final String UPDATE_STUDY =
      "update study set patient_authority = ?, patient_id = ?, clinical_state = ?,"
          + " imaging_state = ?, administrative_state = ?, distribution_state = ?,"
          + " status_index = ?, next_hold_deadline = ?, detail = ?, version = ?, updated_at = ?"
          + " where id = ? and version = ?";

  private final Dialect dialect;

  ReferenceRows(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * {@code statement} (an INSERT or UPDATE) preceded by the history and outbox INSERTs of {@code
   * changes} rows as data-modifying common table expressions: one statement for a command.
   */
  static String combined(int changes, String statement) {
    String history = INSERT_HISTORY.substring(0, INSERT_HISTORY.indexOf(" values "));
    String outbox = INSERT_OUTBOX.substring(0, INSERT_OUTBOX.indexOf(" values "));
    return "with h as ("
        + history
        + " values "
        + String.join(", ", Collections.nCopies(changes, marks(11)))
        + "), o as ("
        + outbox
        + " values "
        + String.join(", ", Collections.nCopies(changes, marks(7)))
        + ") "
        + statement;
  }

  /**
   * Binds the history rows, then the outbox rows, of {@code command}'s changes after {@code
   * version}, from position {@code first}; returns the next free position.
   */
  int bindChanges(
      PreparedStatement s,
      int first,
      UUID id,
      long version,
      CommandShapes.Command command,
      String key,
      long n,
      Instant now)
      throws SQLException {
    int next = first;
    long seq = version;
    for (CommandShapes.Change change : command.changes()) {
      next = bindHistory(s, next, id, ++seq, change, key, n, now);
    }
    seq = version;
    for (CommandShapes.Change change : command.changes()) {
      next = bindOutbox(s, next, id, ++seq, change, now);
    }
    return next;
  }

  int bindHistory(
      PreparedStatement s,
      int i,
      UUID id,
      long seq,
      CommandShapes.Change change,
      String key,
      long n,
      Instant now)
      throws SQLException {
    dialect.setId(s, i, id);
    s.setLong(i + 1, seq);
    s.setString(i + 2, change.changeType());
    s.setString(i + 3, change.transitionType());
    s.setString(i + 4, key);
    dialect.setInstant(s, i + 5, null);
    dialect.setInstant(s, i + 6, now);
    s.setString(i + 7, "bench");
    s.setString(i + 8, "msg-" + n);
    s.setString(i + 9, "bench");
    s.setString(i + 10, change.body());
    return i + 11;
  }

  int bindOutbox(
      PreparedStatement s, int i, UUID id, long seq, CommandShapes.Change change, Instant now)
      throws SQLException {
    StudyId study = new StudyId(id);
    dialect.setId(s, i, HistoryEntry.eventId(study, seq));
    dialect.setId(s, i + 1, id);
    s.setLong(i + 2, seq);
    s.setString(i + 3, change.eventType());
    s.setString(i + 4, change.payload());
    dialect.setInstant(s, i + 5, now);
    s.setLong(i + 6, RelayPartition.of(study));
    return i + 7;
  }

  /** Binds {@link #INSERT_STUDY} for a study opened at {@code version}. */
  void bindStudy(
      PreparedStatement s,
      int i,
      UUID id,
      String accession,
      long n,
      CommandShapes.Command command,
      long version,
      Instant now)
      throws SQLException {
    dialect.setId(s, i, id);
    s.setString(i + 1, AUTHORITY);
    s.setString(i + 2, accession);
    s.setString(i + 3, "SCHEDULED");
    s.setString(i + 4, String.format(Locale.ROOT, "%064x", n));
    dialect.setInstant(s, i + 5, now);
    bindChanging(s, i + 6, n, command, version, now);
  }

  /** Binds {@link #UPDATE_STUDY}: the study moves from {@code from} to {@code to}. */
  void bindUpdate(
      PreparedStatement s,
      int i,
      UUID id,
      long n,
      CommandShapes.Command command,
      long from,
      long to,
      Instant now)
      throws SQLException {
    int next = bindChanging(s, i, n, command, to, now);
    dialect.setId(s, next, id);
    s.setLong(next + 1, from);
  }

  /** The columns every command rewrites, as radflow's ChangeWriter rewrites them. */
  private int bindChanging(
      PreparedStatement s, int i, long n, CommandShapes.Command command, long version, Instant now)
      throws SQLException {
    s.setString(i, AUTHORITY);
    s.setString(i + 1, "P-" + (n % 10_000));
    s.setString(i + 2, command.clinical());
    s.setString(i + 3, command.imaging());
    s.setString(i + 4, command.administrative());
    s.setString(i + 5, command.distribution());
    s.setString(i + 6, command.statusIndex());
    dialect.setInstant(s, i + 7, null);
    s.setString(i + 8, command.detail());
    s.setLong(i + 9, version);
    dialect.setInstant(s, i + 10, now);
    return i + 11;
  }

  private static String marks(int width) {
    return "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
  }
}
