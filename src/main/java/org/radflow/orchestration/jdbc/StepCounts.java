package org.radflow.orchestration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/** Steps counted per service and status; timers, under no service, are left out. */
final class StepCounts {

  /** Open or failed: the statuses of V12's partial index step_unfinished_by_service. */
  private static final String UNFINISHED =
      Arrays.stream(StepStatus.values())
          .filter(s -> s.isOpen() || s == StepStatus.FAILED)
          .map(s -> "'" + s.name() + "'")
          .collect(Collectors.joining(", ", "(", ")"));

  private StepCounts() {}

  static Map<Service, Map<StepStatus, Long>> all(Connection c) throws SQLException {
    return count(c, "");
  }

  static Map<Service, Map<StepStatus, Long>> unfinished(Connection c) throws SQLException {
    return count(c, " and status in " + UNFINISHED);
  }

  private static Map<Service, Map<StepStatus, Long>> count(Connection c, String which)
      throws SQLException {
    Map<Service, Map<StepStatus, Long>> counts = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      counts.put(service, new EnumMap<>(StepStatus.class));
    }
    try (PreparedStatement s =
            c.prepareStatement(
                "select service, status, count(*) from step where service is not null"
                    + which
                    + " group by service, status");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        counts
            .get(Service.valueOf(r.getString(1)))
            .put(StepStatus.valueOf(r.getString(2)), r.getLong(3));
      }
    }
    return counts;
  }
}
