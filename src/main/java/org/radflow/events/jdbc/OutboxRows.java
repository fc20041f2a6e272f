package org.radflow.events.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.radflow.db.Dialect;
import org.radflow.events.OutboxEvent;
import org.radflow.study.StudyId;

/** Reads outbox rows into {@link OutboxEvent}s: one decoding for the queries and the relay. */
final class OutboxRows {

  private OutboxRows() {}

  static OutboxEvent event(ResultSet rows, Dialect dialect) throws SQLException {
    return new OutboxEvent(
        rows.getLong("id"),
        dialect.getId(rows, "event_id"),
        new StudyId(dialect.getId(rows, "study_id")),
        rows.getLong("study_seq"),
        rows.getString("event_type"),
        rows.getString("payload"),
        dialect.getInstant(rows, "created_at"),
        dialect.getInstant(rows, "published_at"),
        rows.getString("trace_parent"));
  }
}
