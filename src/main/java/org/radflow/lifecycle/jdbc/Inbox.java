package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.radflow.db.Dialect;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.InboundMessage;
import org.radflow.study.Decision;
import org.radflow.study.Study;
import org.radflow.study.StudyId;

/**
 * The inbox: transport messages already processed. Checked and written inside the command's own
 * transaction, so a message is processed once however often it is delivered, and a crash between
 * processing and recording cannot happen.
 *
 * <p>It takes no lock of its own. Two deliveries of one message at the same time both find no row
 * and both process it, but they carry the same transition and idempotency key, so the study's own
 * check lets one commit and answers the other as its duplicate; the second row is then not written
 * ({@code on conflict do nothing}).
 */
final class Inbox {

  private final Dialect dialect;
  private final StudyRows rows;

  Inbox(Dialect dialect, StudyRows rows) {
    this.dialect = dialect;
    this.rows = rows;
  }

  /** What processing the message does, inside the transaction. */
  @FunctionalInterface
  interface Processing {
    ApplyResult run() throws SQLException;
  }

  ApplyResult receive(
      Connection c, StudyId study, InboundMessage message, Instant at, Processing processing)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select outcome, history_seq from inbox where source = ? and message_id = ?")) {
      s.setString(1, message.source());
      s.setString(2, message.messageId());
      try (ResultSet r = s.executeQuery()) {
        if (r.next()) {
          Decision.Outcome outcome = Decision.Outcome.valueOf(r.getString(1));
          long seq = r.getLong(2);
          Study current = rows.load(c, study, true).orElse(null); // locked: never cached
          return current == null
              ? new ApplyResult.NotFound()
              : new ApplyResult.Duplicate(outcome, seq, current);
        }
      }
    }
    ApplyResult result = processing.run();
    if (result instanceof ApplyResult.Committed committed) {
      record(c, study, message, committed.outcome(), committed.appended().get(0).seq(), at);
    } else if (result instanceof ApplyResult.Duplicate duplicate) {
      record(c, study, message, duplicate.originalOutcome(), duplicate.originalSeq(), at);
    }
    return result;
  }

  private void record(
      Connection c,
      StudyId study,
      InboundMessage message,
      Decision.Outcome outcome,
      long seq,
      Instant at)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into inbox (source, message_id, study_id, outcome, history_seq, received_at)"
                + " values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
      s.setString(1, message.source());
      s.setString(2, message.messageId());
      dialect.setId(s, 3, study.value());
      s.setString(4, outcome.name());
      s.setLong(5, seq);
      dialect.setInstant(s, 6, at);
      s.executeUpdate();
    }
  }
}
