package org.radflow.audit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.radflow.audit.AuditQuery;
import org.radflow.audit.AuditTrail;
import org.radflow.audit.OperatorAction;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.study.StudyId;

/**
 * The audit of operator actions over JDBC. Another feature's store writes its audit row with {@link
 * #record(Connection, Instant, String, String, String, StudyId, String, String)} inside the
 * transaction of the action it records, so an action and its audit commit together or not at all.
 */
public final class JdbcAuditTrail implements AuditTrail {

  private final Database database;
  private final Dialect dialect;

  public JdbcAuditTrail(Database database) {
    this.database = database;
    this.dialect = database.dialect();
  }

  @Override
  public List<OperatorAction> actions(AuditQuery query) {
    return database.read("read operator actions", c -> list(c, query));
  }

  @Override
  public List<String> actionNames(int limit) {
    if (limit < 1 || limit > MAX_ACTION_NAMES) {
      throw new IllegalArgumentException(
          "limit must be 1 to " + MAX_ACTION_NAMES + ", was " + limit);
    }
    return database.read(
        "read audited action names",
        c -> {
          // a loose index scan: each step asks operator_action_action (V12) for the next name
          try (PreparedStatement s =
              c.prepareStatement(
                  "with recursive names (action) as ("
                      + " select min(action) from operator_action"
                      + " union all"
                      + " select (select min(o.action) from operator_action o"
                      + " where o.action > names.action)"
                      + " from names where names.action is not null)"
                      + " select action from names where action is not null limit ?")) {
            s.setInt(1, limit);
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                names.add(r.getString(1));
              }
            }
            return names;
          }
        });
  }

  @Override
  public void record(OperatorAction action) {
    database.write(
        "audit " + action.action(),
        c -> {
          record(
              c,
              action.at(),
              action.actor(),
              action.action(),
              action.target(),
              action.study(),
              action.reason(),
              action.outcome());
          return null;
        });
  }

  /** Records an action inside the caller's transaction. */
  public void record(
      Connection c,
      Instant at,
      String actor,
      String action,
      String target,
      StudyId study,
      String reason,
      String outcome)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into operator_action (at, actor, action, target, study_id, reason, outcome)"
                + " values (?, ?, ?, ?, ?, ?, ?)")) {
      dialect.setInstant(s, 1, at);
      s.setString(2, actor);
      s.setString(3, action);
      s.setString(4, target);
      dialect.setId(s, 5, study == null ? null : study.value());
      s.setString(6, reason);
      s.setString(7, outcome);
      s.executeUpdate();
    }
  }

  private List<OperatorAction> list(Connection c, AuditQuery query) throws SQLException {
    StringBuilder sql = new StringBuilder("select * from operator_action where 1 = 1");
    if (query.study() != null) {
      sql.append(" and study_id = ?");
    }
    if (query.actor() != null) {
      sql.append(" and actor = ?");
    }
    if (query.action() != null) {
      sql.append(" and action = ?");
    }
    if (query.from() != null) {
      sql.append(" and at >= ?");
    }
    if (query.to() != null) {
      sql.append(" and at < ?");
    }
    if (query.beforeId() != null) {
      sql.append(" and id < ?");
    }
    sql.append(" order by id desc limit ?");
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int next = 1;
      if (query.study() != null) {
        dialect.setId(s, next++, query.study().value());
      }
      if (query.actor() != null) {
        s.setString(next++, query.actor());
      }
      if (query.action() != null) {
        s.setString(next++, query.action());
      }
      if (query.from() != null) {
        dialect.setInstant(s, next++, query.from());
      }
      if (query.to() != null) {
        dialect.setInstant(s, next++, query.to());
      }
      if (query.beforeId() != null) {
        s.setLong(next++, query.beforeId());
      }
      s.setInt(next, query.limit());
      List<OperatorAction> actions = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          java.util.UUID id = dialect.getId(r, "study_id");
          actions.add(
              new OperatorAction(
                  r.getLong("id"),
                  dialect.getInstant(r, "at"),
                  r.getString("actor"),
                  r.getString("action"),
                  r.getString("target"),
                  id == null ? null : new StudyId(id),
                  r.getString("reason"),
                  r.getString("outcome")));
        }
      }
      return actions;
    }
  }
}
