package org.radflow.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The loaded store as a running radflow would leave it. The load runs no step engine and no relay,
 * so every planned step would stay PENDING and every event unpublished; a store in service holds
 * neither. So, before the pages are measured:
 *
 * <ul>
 *   <li>a step at a service that its study has moved past (the study changed after the change that
 *       planned it: {@code trigger_seq} below the study's version) succeeded once, three seconds
 *       after it was written — the study could only move on with its answer. Steps planned by a
 *       study's latest change stay PENDING: that study waits on them. Timers are left as they are;
 *   <li>every event is published at the instant it was written, as the relay publishes within its
 *       lag. None is deleted: retention would keep only the last day's, so the store measured holds
 *       more outbox rows than one in service, not fewer.
 * </ul>
 *
 * Idempotent: a second run finds nothing left to settle.
 */
final class ConsoleSettle {

  record Settled(int steps, int events, double seconds) {

    String format() {
      return String.format(
          "settled as a running radflow leaves it: %d steps succeeded, %d events published,"
              + " in %.1f s",
          steps, events, seconds);
    }
  }

  private ConsoleSettle() {}

  static Settled settle(BenchStores.Location location) throws SQLException {
    boolean sqlite = location.url().startsWith("jdbc:sqlite");
    long started = System.nanoTime();
    String later = sqlite ? "created_at + 3000000" : "created_at + interval '3 seconds'";
    try (Connection c = ConsoleCopy.connect(location, sqlite);
        Statement s = c.createStatement()) {
      int steps =
          s.executeUpdate(
              "update step set status = 'SUCCEEDED', attempts = 1, last_outcome = 'DONE',"
                  + " completed_at = "
                  + later
                  + ", updated_at = "
                  + later
                  + " where status = 'PENDING' and service is not null and trigger_seq < (select"
                  + " version from study where study.id = step.study_id)");
      int events =
          s.executeUpdate("update outbox set published_at = created_at where published_at is null");
      if (steps + events > 0) {
        // what autovacuum does a while after such a change, done now so the pages are not timed
        // against dead rows and a planner that has not seen them go
        for (String table : new String[] {"step", "outbox", "study"}) {
          s.execute((sqlite ? "analyze " : "vacuum analyze ") + table);
        }
      }
      return new Settled(steps, events, (System.nanoTime() - started) / 1e9);
    }
  }
}
