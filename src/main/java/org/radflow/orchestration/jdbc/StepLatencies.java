package org.radflow.orchestration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.radflow.db.Dialect;
import org.radflow.orchestration.StepDuration;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepKind;

/**
 * The latest steps that succeeded at a service, newest first, for the console's latency chart.
 * Served by the partial index step_succeeded (V12), whose predicate this query repeats.
 */
final class StepLatencies {

  private final Dialect dialect;

  StepLatencies(Dialect dialect) {
    this.dialect = dialect;
  }

  List<StepDuration> recentlyCompleted(Connection c, Instant since, int limit) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select kind, service, created_at, completed_at from step"
                + " where status = 'SUCCEEDED' and service is not null and completed_at >= ?"
                + " order by completed_at desc limit ?")) {
      dialect.setInstant(s, 1, since);
      s.setInt(2, limit);
      List<StepDuration> durations = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          durations.add(
              new StepDuration(
                  StepKind.valueOf(r.getString("kind")),
                  Service.valueOf(r.getString("service")),
                  dialect.getInstant(r, "created_at"),
                  dialect.getInstant(r, "completed_at")));
        }
      }
      return durations;
    }
  }
}
