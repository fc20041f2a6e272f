package org.radflow.store;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The production store: PostgreSQL, shared by any number of radflow nodes. A write locks only its
 * study's row ({@code SELECT … FOR UPDATE}), so commands on different studies run in parallel.
 */
public final class PostgresStudyStore extends JdbcStudyStore {

  private final HikariDataSource dataSource;
  private OutboxListener listener;

  PostgresStudyStore(HikariDataSource dataSource, StoreSettings settings) {
    super(dataSource, new PostgresDialect(), settings);
    this.dataSource = dataSource;
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
    synchronized (this) {
      if (listener != null) {
        listener.close();
      }
    }
    dataSource.close();
  }
}
