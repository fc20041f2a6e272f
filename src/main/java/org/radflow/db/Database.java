package org.radflow.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * The unit of work every JDBC part of radflow shares: one database, entered through {@link #write}
 * for a transaction and {@link #read} for committed rows. A feature's store receives it and never
 * holds a reference to another feature's store; when one transaction must change what two features
 * own (a step finished and the transition it applies), the part that owns the transaction passes
 * its connection to the other's in-transaction methods.
 *
 * <p>The two databases differ only in how a write transaction is entered: SQLite has one writer
 * that commits a group of waiting transactions together ({@link SqliteDatabase}); PostgreSQL runs
 * each on its own pooled connection and retries contention ({@link PostgresDatabase}). {@code
 * SQLException} never leaves this class or the work it runs: the {@link Dialect} translates it into
 * a {@link StoreException}.
 */
public abstract class Database implements AutoCloseable {

  private final DataSource dataSource;
  private final Dialect dialect;
  private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();

  Database(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  public final Dialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} in one transaction and commits it, then tells the commit listeners. On a SQL
   * failure nothing is committed and the translated {@link StoreException} is thrown; contention is
   * retried a few times first, so {@code work} must be safe to run again from the start.
   */
  public final <T> T write(String operation, SqlWork<T> work) {
    T result = transact(operation, null, work);
    committed();
    return result;
  }

  /**
   * Like {@link #write(String, SqlWork)}, for work that locks the row of one study first and
   * commits in a group with other studies' work: the same study always commits in the same lane,
   * and a group takes its studies' locks in the order of their ids.
   */
  public final <T> T write(String operation, java.util.UUID study, SqlWork<T> work) {
    T result = transact(operation, study, work);
    committed();
    return result;
  }

  /**
   * How this database enters, commits and retries one write transaction; {@code study} is the row
   * the work locks first, or null for work that joins no group.
   */
  abstract <T> T transact(String operation, java.util.UUID study, SqlWork<T> work);

  /**
   * Runs read-only work on a pooled connection in auto-commit mode: every row it sees is committed.
   */
  public final <T> T read(String operation, SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      return work.run(connection);
    } catch (SQLException e) {
      throw dialect.translate(e, operation);
    }
  }

  /**
   * Runs {@code listener} after every committed write transaction — the in-process wake-up of the
   * outbox relay. It must be quick and must not throw.
   */
  public void onCommit(Runnable listener) {
    commitListeners.add(listener);
  }

  /** A write transaction of this node committed. */
  void committed() {
    written();
  }

  /**
   * Tells the listeners a write transaction committed (here or, on PostgreSQL, on another node).
   */
  final void written() {
    for (Runnable listener : commitListeners) {
      listener.run();
    }
  }

  /** How many commands have committed in groups, in how many transactions, since start. */
  public CommitCounts commitCounts() {
    return CommitCounts.NONE;
  }

  final DataSource dataSource() {
    return dataSource;
  }

  /**
   * Runs a trivial query, so health checks see the database itself.
   *
   * @throws StoreException when the database does not answer
   */
  public final void ping() {
    read(
        "ping",
        c -> {
          try (PreparedStatement s = c.prepareStatement("select 1");
              ResultSet rows = s.executeQuery()) {
            return rows.next();
          }
        });
  }

  /** Which database this is, for health and logs. */
  public final String describe() {
    return dialect.name();
  }

  @Override
  public abstract void close();
}
