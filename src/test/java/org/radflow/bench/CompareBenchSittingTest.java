package org.radflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.radflow.db.Database;

/**
 * One short sitting: both the reference and radflow commit what they claim, in the same tables.
 * Counts rows, never times. Each database is a short subclass, as each has its own commit form.
 */
abstract class CompareBenchSittingTest {

  /** A fresh store of two connections, removed when closed. */
  abstract BenchStores.Opened open() throws Exception;

  abstract String store();

  @Test
  void bothPhasesCommitStudiesWithTheirHistoryAndOutboxRows() throws Exception {
    try (BenchStores.Opened opened = open()) {
      CompareBench.Sitting sitting =
          CompareBench.sitting(opened, store(), 2, Duration.ZERO, Duration.ofMillis(400));

      Database db = opened.stores().database();
      long referenceCommands =
          sitting.referenceBefore().commands() + sitting.referenceAfter().commands();
      assertThat(referenceCommands).isPositive();
      assertThat(sitting.radflow().commands()).isPositive();
      long referenceStudies = count(db, "select count(*) from study where assigning_authority = ?");
      long referenceHistory =
          count(
              db,
              "select count(*) from study_history h join study s on s.id = h.study_id"
                  + " where s.assigning_authority = ?");
      long referenceOutbox =
          count(
              db,
              "select count(*) from outbox o join study s on s.id = o.study_id"
                  + " where s.assigning_authority = ?");
      // every measured command committed at least one history and one outbox row, and the warm-up
      // (none here) adds nothing, so the rows are at least the commands
      assertThat(referenceStudies).isPositive();
      assertThat(referenceHistory).isGreaterThanOrEqualTo(referenceCommands);
      assertThat(referenceOutbox).isEqualTo(referenceHistory);
      long radflowHistory =
          count(
              db,
              "select count(*) from study_history h join study s on s.id = h.study_id"
                  + " where s.assigning_authority <> ?");
      assertThat(radflowHistory).isGreaterThanOrEqualTo(sitting.radflow().commands());
      // the reference's study rows carry the version its history reached, as radflow's do
      assertThat(
              count(
                  db,
                  "select count(*) from study s where s.assigning_authority = ? and s.version <>"
                      + " (select max(seq) from study_history h where h.study_id = s.id)"))
          .isZero();
    }
  }

  private static long count(Database db, String sql) {
    return db.read(
        "count",
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, ReferenceRows.AUTHORITY);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }
}
