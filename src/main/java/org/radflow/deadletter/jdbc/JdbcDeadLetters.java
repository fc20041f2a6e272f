package org.radflow.deadletter.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.radflow.audit.jdbc.JdbcAuditTrail;
import org.radflow.blob.BlobRef;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterChange;
import org.radflow.deadletter.DeadLetterPage;
import org.radflow.deadletter.DeadLetterQuery;
import org.radflow.deadletter.DeadLetterReprocessor;
import org.radflow.deadletter.DeadLetterStore;
import org.radflow.deadletter.ErrorCode;
import org.radflow.deadletter.NewDeadLetter;

/**
 * The {@code dead_letter} table behind {@link org.radflow.deadletter.DeadLetterStore}.
 *
 * <p>Every operator write loads the letter under the row lock (PostgreSQL; SQLite has one writer),
 * decides, and then updates only where status and attempts are still what it decided on, so a
 * concurrent writer that got there first makes the update change nothing and the caller is refused
 * rather than overwriting it. The claim of a reprocessing attempt is a lease in {@code
 * reprocessing_until}, fenced by {@code attempts}, as webhook deliveries are.
 */
public final class JdbcDeadLetters implements DeadLetterStore {

  private static final String REPROCESS = "REPROCESS_DEAD_LETTER";
  private static final String DISCARD = "DISCARD_DEAD_LETTER";

  private final Database database;
  private final Dialect dialect;
  private final JdbcAuditTrail audit;
  private final DeadLetterSearch search;

  public JdbcDeadLetters(Database database, JdbcAuditTrail audit) {
    this.database = database;
    this.dialect = database.dialect();
    this.audit = audit;
    this.search = new DeadLetterSearch(dialect, this::letter);
  }

  @Override
  public long recordDeadLetter(NewDeadLetter l) {
    return database.write(
        "record dead letter from " + l.channel(),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into dead_letter (channel, received_at, peer, message_type, control_id,"
                      + " sending_system, accession, error_code, reason, raw_sha256, raw_size,"
                      + " status, attempts) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 0)",
                  Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, l.channel());
            dialect.setInstant(s, 2, l.receivedAt());
            s.setString(3, l.peer());
            s.setString(4, l.messageType());
            s.setString(5, l.controlId());
            s.setString(6, l.sendingSystem());
            s.setString(7, l.accession());
            s.setString(8, l.errorCode().name());
            s.setString(9, l.reason());
            s.setString(10, l.raw().sha256());
            s.setLong(11, l.raw().size());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
              keys.next();
              return keys.getLong(1);
            }
          }
        });
  }

  @Override
  public Optional<DeadLetter> deadLetter(long id) {
    return database.read("read dead letter " + id, c -> load(c, id, false));
  }

  @Override
  public Optional<DeadLetter> deadLetterForRawRead(
      long id, String actor, String reason, Instant now) {
    return database.write(
        "audit reading the raw message of dead letter " + id,
        c -> {
          Optional<DeadLetter> letter = load(c, id, false);
          if (letter.isPresent()) {
            audit.record(
                c, now, actor, "READ_DEAD_LETTER_RAW", letter.get().target(), null, reason, "read");
          }
          return letter;
        });
  }

  @Override
  public DeadLetterPage searchDeadLetters(DeadLetterQuery query) {
    return database.read("search dead letters", c -> search.run(c, query));
  }

  @Override
  public long countDeadLetters(DeadLetter.Status status) {
    return database.read(
        "count dead letters",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select count(*) from dead_letter where status = ?")) {
            s.setString(1, status.name());
            try (ResultSet rows = s.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  @Override
  public DeadLetterChange claimForReprocess(
      long id, String actor, String reason, Instant now, Duration lease) {
    // the claim itself is not audited: its attempt is, once finished, with its outcome
    return act(
        id,
        REPROCESS,
        actor,
        reason,
        now,
        letter -> refusal(letter, now),
        null,
        "attempts = attempts + 1, last_attempt_at = ?, reprocessing_until = ?",
        now,
        now.plus(lease));
  }

  @Override
  public DeadLetterChange finishReprocess(
      long id,
      int attempt,
      DeadLetterReprocessor.Outcome outcome,
      String actor,
      String reason,
      Instant now) {
    DeadLetter.Status status =
        outcome instanceof DeadLetterReprocessor.Outcome.Accepted
            ? DeadLetter.Status.REPROCESSED
            : DeadLetter.Status.OPEN;
    return act(
        id,
        REPROCESS,
        actor,
        reason,
        now,
        letter ->
            letter.status() == DeadLetter.Status.OPEN && letter.attempts() == attempt
                ? null
                : "attempt "
                    + attempt
                    + " lost its claim: the letter is "
                    + letter.status()
                    + " at attempt "
                    + letter.attempts()
                    + " (its outcome was: "
                    + outcome.describe()
                    + ")",
        "attempt " + attempt + " " + outcome.describe(),
        "status = ?, last_outcome = ?, reprocessing_until = null",
        status.name(),
        outcome.describe());
  }

  @Override
  public DeadLetterChange discardDeadLetter(long id, String actor, String reason, Instant now) {
    return act(
        id,
        DISCARD,
        actor,
        reason,
        now,
        letter -> refusal(letter, now),
        "discarded",
        "status = 'DISCARDED', last_outcome = ?",
        "discarded by " + actor + ": " + reason);
  }

  /**
   * One operator write in one transaction: loads the letter under its lock, and unless {@code
   * refusal} names a reason, sets {@code set} (bound to {@code values}) where the letter is still
   * OPEN at the attempts it was loaded with, auditing {@code outcome} when it is not null. A
   * refusal is audited always.
   */
  private DeadLetterChange act(
      long id,
      String action,
      String actor,
      String reason,
      Instant now,
      Function<DeadLetter, String> refusal,
      String outcome,
      String set,
      Object... values) {
    return database.write(
        action + " on dead letter " + id,
        c -> {
          Optional<DeadLetter> found = load(c, id, true);
          if (found.isEmpty()) {
            return new DeadLetterChange.NotFound(id);
          }
          DeadLetter letter = found.get();
          String refused = refusal.apply(letter);
          if (refused == null) {
            if (update(c, letter, set, values)) {
              if (outcome != null) {
                audit.record(c, now, actor, action, letter.target(), null, reason, outcome);
              }
              return new DeadLetterChange.Changed(load(c, id, false).orElseThrow());
            }
            refused = letter.target() + " was changed by another operator at the same time";
          }
          audit.record(c, now, actor, action, letter.target(), null, reason, "refused: " + refused);
          return new DeadLetterChange.Refused(letter, refused);
        });
  }

  private boolean update(Connection c, DeadLetter letter, String set, Object... values)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update dead_letter set "
                + set
                + " where id = ? and status = 'OPEN' and attempts = ?")) {
      List<Object> args = new ArrayList<>(List.of(values));
      args.add(letter.id());
      args.add(letter.attempts());
      DeadLetterSearch.bind(dialect, s, args);
      return s.executeUpdate() == 1;
    }
  }

  /** Why an operator may not act on the letter now, or null when they may. */
  private static String refusal(DeadLetter letter, Instant now) {
    if (letter.status() != DeadLetter.Status.OPEN) {
      return letter.target() + " is " + letter.status() + ", not OPEN";
    }
    if (letter.reprocessingUntil() != null && letter.reprocessingUntil().isAfter(now)) {
      return letter.target()
          + " is being reprocessed (attempt "
          + letter.attempts()
          + ", claimed until "
          + letter.reprocessingUntil()
          + ")";
    }
    return null;
  }

  // ---- rows ----------------------------------------------------------------------------------

  private Optional<DeadLetter> load(Connection c, long id, boolean lock) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select * from dead_letter where id = ?" + (lock ? dialect.rowLock() : ""))) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(letter(r)) : Optional.empty();
      }
    }
  }

  private DeadLetter letter(ResultSet r) throws SQLException {
    NewDeadLetter received =
        new NewDeadLetter(
            r.getString("channel"),
            dialect.getInstant(r, "received_at"),
            r.getString("peer"),
            r.getString("message_type"),
            r.getString("control_id"),
            r.getString("sending_system"),
            r.getString("accession"),
            ErrorCode.valueOf(r.getString("error_code")),
            r.getString("reason"),
            new BlobRef(r.getString("raw_sha256"), r.getLong("raw_size")));
    return new DeadLetter(
        r.getLong("id"),
        received,
        DeadLetter.Status.valueOf(r.getString("status")),
        r.getInt("attempts"),
        dialect.getInstant(r, "last_attempt_at"),
        r.getString("last_outcome"),
        dialect.getInstant(r, "reprocessing_until"));
  }
}
