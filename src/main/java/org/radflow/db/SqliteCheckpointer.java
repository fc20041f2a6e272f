package org.radflow.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file from a thread of its own. SQLite's
 * automatic checkpoint runs inside the commit that crosses the threshold, so the writer — and every
 * command in its group — would wait for the database file's writes and fsync. A passive checkpoint
 * never blocks the writer or readers; it copies what it can and the log is reused once copied.
 */
final class SqliteCheckpointer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SqliteCheckpointer.class);
  private static final long INTERVAL_MILLIS = 500;

  private final DataSource dataSource;
  private final ScheduledExecutorService executor;

  SqliteCheckpointer(DataSource dataSource) {
    this.dataSource = dataSource;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "radflow-sqlite-checkpoint");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::checkpoint, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Runs one passive checkpoint; returns the log frames still to copy, or -1 if it failed. */
  int checkpoint() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet result = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      result.next();
      return result.getInt(2) - result.getInt(3); // log frames minus frames checkpointed
    } catch (SQLException | RuntimeException e) {
      // A closed store or a busy moment; the next round tries again, and SQLite's own recovery
      // replays the log on open, so nothing depends on this checkpoint succeeding.
      log.debug("WAL checkpoint skipped: {}", e.getMessage());
      return -1;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
