package org.radflow.metrics.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.metrics.WorkFigureReads;
import org.radflow.metrics.WorkFigures;

/** {@link WorkFigureReads} on the one database, PostgreSQL or SQLite alike. */
public final class JdbcWorkFigureReads implements WorkFigureReads {

  /** Served by study_status (status_index, created_at): the lane's rows only. */
  private static final String EXCEPTION_LANE =
      "select count(*) from study where status_index = 'IN_EXCEPTION'";

  /**
   * A study awaits its final report from IMAGES_COMMITTED until REPORT_FINALISED; its deadline is
   * the report turnaround timer the commit of its images started (the latest, should the images be
   * committed again). Scans study_awaiting_report (V16), whose predicate this repeats word for word
   * so both databases use it, and reads each such study's timers by step_study.
   */
  private static final String REPORTS_OVERDUE =
      "select count(*) from study s"
          + " where s.imaging_state in ('IMAGES_COMMITTED', 'REPORT_PRELIMINARY')"
          + " and s.clinical_state <> 'CANCELLED'"
          + " and (select max(t.due_at) from step t where t.study_id = s.id"
          + " and t.kind = 'REPORT_TURNAROUND_DEADLINE') <= ?";

  /** Served by dead_letter_status (status, id). */
  private static final String OPEN_DEAD_LETTERS =
      "select count(*) from dead_letter where status = 'OPEN'";

  private final Database database;
  private final Dialect dialect;

  public JdbcWorkFigureReads(Database database) {
    this.database = database;
    this.dialect = database.dialect();
  }

  @Override
  public WorkFigures read(Instant now) {
    return database.read(
        "read the work figures",
        c ->
            new WorkFigures(
                count(c, EXCEPTION_LANE, null),
                count(c, REPORTS_OVERDUE, now),
                count(c, OPEN_DEAD_LETTERS, null),
                now));
  }

  private long count(Connection c, String sql, Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (at != null) {
        dialect.setInstant(s, 1, at);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
