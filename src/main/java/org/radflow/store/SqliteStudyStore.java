package org.radflow.store;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded default: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit is
 * on disk before it is acknowledged and survives kill -9 and power loss alike. SQLite has one
 * writer at a time; writers queue on a fair lock in this process instead of polling SQLite's busy
 * handler, and readers never wait for them. One radflow node per file.
 */
public final class SqliteStudyStore extends JdbcStudyStore {

  private final HikariDataSource dataSource;
  private final ReentrantLock writer = new ReentrantLock(true);

  SqliteStudyStore(HikariDataSource dataSource, StoreSettings settings) {
    super(dataSource, new SqliteDialect(), settings);
    this.dataSource = dataSource;
  }

  @Override
  <T> T inWriteTransaction(String operation, SqlWork<T> work) {
    writer.lock();
    try {
      return super.inWriteTransaction(operation, work);
    } finally {
      writer.unlock();
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
