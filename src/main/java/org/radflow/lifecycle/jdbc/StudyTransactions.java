package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.radflow.db.Dialect;
import org.radflow.db.Row;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.study.Change;
import org.radflow.study.Decision;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.StudyRules;
import org.radflow.study.Transition;

/**
 * What one transaction may do to a study, whoever owns the transaction: load it locked, apply a
 * transition as the model decides, write changes the caller decided. The study store runs these in
 * its own transactions; the step store runs them inside a step's finish, so the step and the
 * transition it applies commit together. Either caller reports committed studies to {@link
 * #committed} only once the commit has happened.
 */
public final class StudyTransactions {

  private final Dialect dialect;
  private final StudyRules rules;
  private final StudyRows rows;
  private final ChangeWriter writer;
  private final OrderNumbers orderNumbers;

  StudyTransactions(
      Dialect dialect,
      StudyRules rules,
      StudyRows rows,
      ChangeWriter writer,
      OrderNumbers orderNumbers) {
    this.dialect = dialect;
    this.rules = rules;
    this.rows = rows;
    this.writer = writer;
    this.orderNumbers = orderNumbers;
  }

  /** Loads and locks a study that must exist (a step's study: the foreign key keeps it). */
  public Study loadForUpdate(Connection c, StudyId id) throws SQLException {
    return rows.load(c, id, true)
        .orElseThrow(() -> new SQLException("study " + id + " does not exist", "02000"));
  }

  /**
   * Applies {@code transition} inside the caller's transaction, with the outcomes of {@link
   * org.radflow.lifecycle.StudyStore#apply} except {@code TooLarge}, which the caller checks.
   */
  public ApplyResult apply(Connection c, StudyId id, Transition transition, Long expectedVersion)
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
    // an order number the study lacked, carried late by an order or a result
    orderNumbers.record(c, id, transition.data());
    return new ApplyResult.Committed(accepted.outcome(), accepted.after(), entries);
  }

  /** Writes changes the caller decided (no idempotency key), moving the study to {@code after}. */
  public List<HistoryEntry> write(Connection c, Study before, List<Change> changes, Study after)
      throws SQLException {
    return writer.write(c, before, changes, null, after);
  }

  /** Remembers studies whose commit has happened, for the decoded-study cache. */
  public void committed(Study study) {
    rows.committed(study);
  }

  Optional<Study> load(Connection c, StudyId id, boolean forUpdate) throws SQLException {
    return rows.load(c, id, forUpdate);
  }

  void recordConflict(
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
}
