package org.radflow.db;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The embedded default: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit is
 * on disk before it is acknowledged and survives kill -9 and power loss alike. SQLite has one
 * writer at a time; writes go through a {@link GroupCommitter} that commits everything waiting in
 * one fsync, and readers never wait for writers. WAL checkpoints run on their own thread ({@link
 * SqliteCheckpointer}). One radflow node per file.
 */
public final class SqliteDatabase extends Database {

  private final HikariDataSource dataSource;
  private final GroupCommitter committer;
  private final SqliteCheckpointer checkpointer;

  SqliteDatabase(HikariDataSource dataSource) {
    super(dataSource, new SqliteDialect());
    this.dataSource = dataSource;
    this.committer = new GroupCommitter(dataSource, dialect(), "radflow-sqlite-writer");
    this.checkpointer = new SqliteCheckpointer(dataSource);
  }

  @Override
  <T> T transact(String operation, java.util.UUID study, SqlWork<T> work) {
    return committer.submit(operation, work); // one writer: every write is in its group
  }

  @Override
  public CommitCounts commitCounts() {
    return committer.counts();
  }

  /** Runs a checkpoint now; the log frames it could not copy yet, or -1 if it failed. */
  public int checkpointNow() {
    return checkpointer.checkpoint();
  }

  @Override
  public void close() {
    committer.close();
    checkpointer.close();
    checkpointer.checkpoint(); // leave a short log behind
    dataSource.close();
  }
}
