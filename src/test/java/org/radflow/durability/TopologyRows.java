package org.radflow.durability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.radflow.db.TestPostgres;

/** What a multi-node test reads straight from the shared schema: steps, leases and the outbox. */
final class TopologyRows {

  private TopologyRows() {}

  /** Slot and worklist steps (the slow calls) running under {@code owner}'s name now. */
  static int runningSlowSteps(TestPostgres.Schema schema, String owner) throws SQLException {
    return ids(
            schema,
            "select id from step where status = 'RUNNING' and lease_owner = ?"
                + " and kind in ('RESERVE_SLOT', 'CREATE_WORKLIST_ENTRY')",
            owner)
        .size();
  }

  /** Ids of the steps running under {@code owner}'s name, whether or not their lease has ended. */
  static Set<String> held(TestPostgres.Schema schema, String owner) throws SQLException {
    return ids(schema, "select id from step where status = 'RUNNING' and lease_owner = ?", owner);
  }

  /** Ids of the steps still leased to {@code owner} beyond {@code at}. */
  static Set<String> leasedBeyond(TestPostgres.Schema schema, String owner, Instant at)
      throws SQLException {
    try (Connection c = schema.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select id from step where status = 'RUNNING' and lease_owner = ?"
                    + " and lease_until > ?")) {
      s.setString(1, owner);
      s.setTimestamp(2, Timestamp.from(at));
      return ids(s);
    }
  }

  /** Ids of the steps whose last claim took them over from {@code owner}. */
  static Set<String> takenOverFrom(TestPostgres.Schema schema, String owner) throws SQLException {
    return ids(schema, "select id from step where taken_over_from = ?", owner);
  }

  /** Ids of the steps that {@code owner} finished (committed an outcome that ended them). */
  static Set<String> finishedBy(TestPostgres.Schema schema, String owner) throws SQLException {
    return ids(schema, "select id from step where completed_by = ?", owner);
  }

  /** Steps counted by kind, status and lease owner: what a failed wait prints. */
  static String summary(TestPostgres.Schema schema) throws SQLException {
    StringBuilder summary = new StringBuilder();
    try (Connection c = schema.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select kind, status, lease_owner, count(*), max(last_error) from step"
                    + " group by kind, status, lease_owner order by 1, 2, 3");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        summary
            .append(String.join(" ", r.getString(1), r.getString(2), "" + r.getString(3)))
            .append(": ")
            .append(r.getInt(4))
            .append(r.getString(5) == null ? "" : " (" + r.getString(5) + ")")
            .append('\n');
      }
    }
    return summary.toString();
  }

  static int succeeded(TestPostgres.Schema schema) throws SQLException {
    return count(schema, "select count(*) from step where status = 'SUCCEEDED'");
  }

  static int unpublished(TestPostgres.Schema schema) throws SQLException {
    return count(schema, "select count(*) from outbox where published_at is null");
  }

  /** The event ids of every event committed to the outbox. */
  static Set<String> committedEvents(TestPostgres.Schema schema) throws SQLException {
    try (Connection c = schema.connect();
        PreparedStatement s = c.prepareStatement("select event_id from outbox")) {
      return ids(s);
    }
  }

  /** How many studies have this accession number. */
  static int studies(TestPostgres.Schema schema, String accession) throws SQLException {
    return ids(schema, "select id from study where accession_number = ?", accession).size();
  }

  /** The study's id, by its accession number. */
  static String studyId(TestPostgres.Schema schema, String accession) throws SQLException {
    Set<String> ids = ids(schema, "select id from study where accession_number = ?", accession);
    if (ids.size() != 1) {
      throw new AssertionError(ids.size() + " studies with accession " + accession);
    }
    return ids.iterator().next();
  }

  private static Set<String> ids(TestPostgres.Schema schema, String sql, String parameter)
      throws SQLException {
    try (Connection c = schema.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, parameter);
      return ids(s);
    }
  }

  private static Set<String> ids(PreparedStatement s) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    }
    return ids;
  }

  private static int count(TestPostgres.Schema schema, String sql) throws SQLException {
    try (Connection c = schema.connect();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getInt(1);
    }
  }
}
