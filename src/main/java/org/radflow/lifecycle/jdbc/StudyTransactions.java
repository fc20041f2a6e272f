package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.radflow.db.Dialect;
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
   *
   * <p>A study this node has cached is decided on as cached and written in one statement that
   * checks its version and the key (see {@link ChangeWriter}): no read, no lock wait before it.
   * Only when that write finds the study moved on, or the decision is not a plain acceptance, is
   * the study read under its lock and the command decided again — in that order, so that an earlier
   * use of the key answers before any refusal.
   */
  public ApplyResult apply(Connection c, StudyId id, Transition transition, Long expectedVersion)
      throws SQLException {
    return apply(c, id, transition, expectedVersion, prepare(id, transition, expectedVersion));
  }

  /**
   * The command decided on the study as this node has it cached, with its rows built, before its
   * transaction; null when the study is not cached at the expected version or the decision is not a
   * plain acceptance. Pass it to {@link #apply(Connection, StudyId, Transition, Long, Prepared)}.
   */
  public Prepared prepare(StudyId id, Transition transition, Long expectedVersion) {
    Study cached = rows.cached(id);
    if (cached == null || (expectedVersion != null && expectedVersion != cached.version())) {
      return null;
    }
    if (!(rules.decide(cached, transition) instanceof Decision.Accepted accepted)) {
      return null;
    }
    return new Prepared(
        accepted,
        writer.prepare(cached, accepted.changes(), keyUse(transition, accepted), accepted.after()));
  }

  /** A command decided and built ahead of its transaction ({@link #prepare}). */
  public record Prepared(Decision.Accepted accepted, ChangeWriter.Prepared change) {}

  /**
   * {@link #apply(Connection, StudyId, Transition, Long)}, trying {@code prepared} (may be null)
   * first.
   */
  public ApplyResult apply(
      Connection c, StudyId id, Transition transition, Long expectedVersion, Prepared prepared)
      throws SQLException {
    if (prepared != null) {
      List<HistoryEntry> entries = writer.writeIfCurrent(c, prepared.change());
      if (entries != null) {
        orderNumbers.record(c, id, transition.data());
        Decision.Accepted accepted = prepared.accepted();
        return new ApplyResult.Committed(accepted.outcome(), accepted.after(), entries);
      }
    }
    Optional<Study> locked = rows.load(c, id, true);
    if (locked.isEmpty()) {
      return new ApplyResult.NotFound();
    }
    Study study = locked.get();
    if (expectedVersion != null && expectedVersion != study.version()) {
      ApplyResult earlier = earlierUse(c, study, transition);
      return earlier != null
          ? earlier
          : new ApplyResult.VersionMismatch(expectedVersion, study.version());
    }
    return applyLocked(c, study, transition);
  }

  /**
   * Applies {@code transition} to a study the caller has locked in this transaction and holds as it
   * is now (read under the lock, or the result of the caller's last change to it): decided on it
   * and written without reading it again.
   */
  public ApplyResult applyLocked(Connection c, Study study, Transition transition)
      throws SQLException {
    Decision decision = rules.decide(study, transition);
    if (decision instanceof Decision.Accepted accepted) {
      ApplyResult written = write(c, study, transition, accepted);
      if (written != null) {
        return written;
      }
      // under the lock the version is ours, so a write refused here found the key used
      ApplyResult earlier = earlierUse(c, study, transition);
      if (earlier == null) {
        throw new SQLException("study " + study.id() + " changed under its lock", "40001");
      }
      return earlier;
    }
    ApplyResult earlier = earlierUse(c, study, transition);
    if (earlier != null) {
      return earlier;
    }
    Decision.Refused refused = (Decision.Refused) decision;
    return new ApplyResult.Refused(refused.refusal(), refused.message(), study);
  }

  private static ChangeWriter.KeyUse keyUse(Transition transition, Decision.Accepted accepted) {
    return new ChangeWriter.KeyUse(
        transition.idempotencyKey(), transition.fingerprint(), accepted.outcome().name());
  }

  /** Writes an accepted decision if the study is still at its version and the key unused. */
  private ApplyResult write(
      Connection c, Study study, Transition transition, Decision.Accepted accepted)
      throws SQLException {
    List<HistoryEntry> entries =
        writer.writeIfCurrent(
            c, study, accepted.changes(), keyUse(transition, accepted), accepted.after());
    if (entries == null) {
      return null;
    }
    // an order number the study lacked, carried late by an order or a result
    orderNumbers.record(c, study.id(), transition.data());
    return new ApplyResult.Committed(accepted.outcome(), accepted.after(), entries);
  }

  /**
   * The answer to a command whose key the study has used before: a duplicate when it is the same
   * command, else a conflict, recorded. Null when the key is unused.
   */
  private ApplyResult earlierUse(Connection c, Study study, Transition transition)
      throws SQLException {
    KeyUse prior = keyUse(c, study.id(), transition.idempotencyKey());
    if (prior == null) {
      return null;
    }
    String fingerprint = transition.fingerprint();
    if (prior.fingerprint().equals(fingerprint)) {
      return new ApplyResult.Duplicate(prior.outcome(), prior.seq(), study);
    }
    recordConflict(
        c,
        study.id(),
        transition.idempotencyKey(),
        prior.fingerprint(),
        fingerprint,
        StudyJson.write(StudyJson.transition(transition)),
        transition.recordTime());
    return new ApplyResult.Conflict(transition.idempotencyKey(), prior.fingerprint(), fingerprint);
  }

  /** Writes changes the caller decided (no idempotency key), moving the study to {@code after}. */
  public List<HistoryEntry> write(Connection c, Study before, List<Change> changes, Study after)
      throws SQLException {
    return writer.write(c, before, changes, after);
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

  /**
   * The earlier use of an idempotency key on a study, read in a statement of its own after the
   * study's lock is held: under READ COMMITTED a statement that waited for the row lock sees rows
   * of other tables from its own older snapshot, so reading the key in the locking statement would
   * miss a key committed by the lock's previous holder.
   */
  private KeyUse keyUse(Connection c, StudyId id, String key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select fingerprint, outcome, history_seq from idempotency_key"
                + " where study_id = ? and idempotency_key = ?")) {
      dialect.setId(s, 1, id.value());
      s.setString(2, key);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next()
            ? new KeyUse(
                rows.getString(1).trim(),
                Decision.Outcome.valueOf(rows.getString(2)),
                rows.getLong(3))
            : null;
      }
    }
  }
}
