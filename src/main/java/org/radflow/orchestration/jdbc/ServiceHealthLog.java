package org.radflow.orchestration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.radflow.db.Dialect;
import org.radflow.orchestration.HealthChange;
import org.radflow.orchestration.ServiceStatus;
import org.radflow.workflow.Service;

/**
 * The service_health_change rows: every change of a service's state, written in the transaction
 * that changes the service_status row, so the history and the state never disagree.
 */
final class ServiceHealthLog {

  private final Dialect dialect;

  ServiceHealthLog(Dialect dialect) {
    this.dialect = dialect;
  }

  void record(
      Connection c,
      Service service,
      ServiceStatus.State state,
      String reason,
      String actor,
      Instant at)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into service_health_change (service, state, reason, actor, at)"
                + " values (?, ?, ?, ?, ?)")) {
      s.setString(1, service.name());
      s.setString(2, state.name());
      s.setString(3, reason);
      s.setString(4, actor);
      dialect.setInstant(s, 5, at);
      s.executeUpdate();
    }
  }

  List<HealthChange> history(Connection c, Service service, int limit) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select * from service_health_change where service = ? order by id desc limit ?")) {
      s.setString(1, service.name());
      s.setInt(2, limit);
      List<HealthChange> changes = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          changes.add(
              new HealthChange(
                  r.getLong("id"),
                  service,
                  ServiceStatus.State.valueOf(r.getString("state")),
                  r.getString("reason"),
                  r.getString("actor"),
                  dialect.getInstant(r, "at")));
        }
      }
      return changes;
    }
  }
}
