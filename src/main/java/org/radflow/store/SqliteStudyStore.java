package org.radflow.store;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The embedded default: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit is
 * on disk before it is acknowledged and survives kill -9 and power loss alike. SQLite has one
 * writer at a time; writes go through a {@link GroupCommitter} that commits everything waiting in
 * one fsync, and readers never wait for writers. One radflow node per file.
 */
public final class SqliteStudyStore extends JdbcStudyStore {

  private final HikariDataSource dataSource;
  private final GroupCommitter committer;

  SqliteStudyStore(HikariDataSource dataSource, StoreSettings settings) {
    super(dataSource, new SqliteDialect(), settings);
    this.dataSource = dataSource;
    this.committer = new GroupCommitter(dataSource, new SqliteDialect(), "radflow-sqlite-writer");
  }

  @Override
  <T> T inWriteTransaction(String operation, SqlWork<T> work) {
    return committer.submit(operation, work);
  }

  @Override
  public void close() {
    committer.close();
    dataSource.close();
  }
}
