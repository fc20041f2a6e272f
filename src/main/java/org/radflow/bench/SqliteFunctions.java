package org.radflow.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.lifecycle.RelayPartition;
import org.radflow.study.StudyId;
import org.sqlite.Function;

/**
 * Functions {@link ConsoleCopy} calls from SQLite's SQL, which has no MD5 and no UUIDs: they run in
 * SQLite's own process (the driver calls Java in place), so no row leaves the database, and the
 * event ids and partitions they give are radflow's own code's, not a copy of it.
 */
final class SqliteFunctions {

  private SqliteFunctions() {}

  static void register(Connection connection) throws SQLException {
    Function.create(
        connection,
        "bench_uuid",
        new Function() {
          @Override
          protected void xFunc() throws SQLException {
            result(UUID.randomUUID().toString());
          }
        });
    Function.create(
        connection,
        "bench_event_id",
        new Function() {
          @Override
          protected void xFunc() throws SQLException {
            result(HistoryEntry.eventId(StudyId.parse(value_text(0)), value_long(1)).toString());
          }
        });
    Function.create(
        connection,
        "bench_relay_partition",
        new Function() {
          @Override
          protected void xFunc() throws SQLException {
            result(RelayPartition.of(StudyId.parse(value_text(0))));
          }
        });
  }
}
