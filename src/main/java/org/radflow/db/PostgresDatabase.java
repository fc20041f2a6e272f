package org.radflow.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The production database: PostgreSQL, shared by any number of radflow nodes. Each write runs on
 * its own pooled connection; a write locks only the rows it changes, so commands on different
 * studies run in parallel, and contention (serialization failures, deadlocks) is retried.
 */
public final class PostgresDatabase extends Database {

  private static final int CONTENTION_RETRIES = 5;
  private static final long NUDGE_INTERVAL_MILLIS = 5;

  private final HikariDataSource dataSource;
  private final GroupCommitter groups;
  private final OutboxNudger nudger;
  private OutboxListener listener;

  PostgresDatabase(HikariDataSource dataSource, CommitGroups commitGroups) {
    super(dataSource, new PostgresDialect());
    this.dataSource = dataSource;
    this.nudger = new OutboxNudger(dataSource, NUDGE_INTERVAL_MILLIS);
    this.groups =
        commitGroups.lanes() == 0
            ? null
            : new GroupCommitter(
                dataSource,
                dialect(),
                "radflow-pg-commit",
                commitGroups.lanes(),
                GroupCommitter.Isolation.RERUN_ON_FAILURE,
                commitGroups.maxGroup(),
                commitGroups.maxWaitMicros());
  }

  @Override
  <T> T transact(String operation, java.util.UUID study, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return study != null && groups != null
            ? groups.submit(operation, study, work)
            : transaction(work);
      } catch (SQLException e) {
        StoreException translated = dialect().translate(e, operation);
        if (!retried(translated, attempt)) {
          throw translated;
        }
      } catch (StoreException e) {
        if (!retried(e, attempt)) {
          throw e;
        }
      }
    }
  }

  @Override
  public CommitCounts commitCounts() {
    return groups == null ? CommitCounts.NONE : groups.counts();
  }

  /** Also tells the other nodes' relays, soon after and coalesced ({@link OutboxNudger}). */
  @Override
  void committed() {
    nudger.request();
    super.committed();
  }

  private static boolean retried(StoreException failure, int attempt) {
    return failure.kind() == StoreException.Kind.CONTENDED && attempt < CONTENTION_RETRIES;
  }

  private <T> T transaction(SqlWork<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } catch (AssertionError e) {
        SQLException lost = driverAssertion(e);
        if (lost == null) {
          throw e;
        }
        rollbackQuietly(connection, lost);
        throw lost;
      }
    }
  }

  /**
   * pgjdbc before its fix for pgjdbc/pgjdbc#1458 (PR #4187) throws {@code AssertionError} instead
   * of an SQLException when the connection is lost in the middle of {@code executeBatch} and the
   * JVM runs with {@code -ea} (as tests do): a lost connection, which must reach the caller as
   * UNAVAILABLE (HL7 AE, HTTP 503) rather than kill its thread. Null for assertions of anyone
   * else's code, which pass through untouched.
   */
  static SQLException driverAssertion(AssertionError e) {
    StackTraceElement[] where = e.getStackTrace();
    if (where.length == 0 || !where[0].getClassName().startsWith("org.postgresql.")) {
      return null;
    }
    return new SQLException("the database connection was lost during a batch", "08006", e);
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  /** Also wakes {@code listener} when another node commits (LISTEN/NOTIFY). */
  @Override
  public synchronized void onCommit(Runnable listener) {
    super.onCommit(listener);
    if (this.listener == null) {
      this.listener = new OutboxListener(dataSource, this::written);
    }
  }

  @Override
  public void close() {
    if (groups != null) {
      groups.close();
    }
    nudger.close();
    synchronized (this) {
      if (listener != null) {
        listener.close();
      }
    }
    dataSource.close();
  }
}
