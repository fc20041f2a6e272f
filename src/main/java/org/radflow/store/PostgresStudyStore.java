package org.radflow.store;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The production store: PostgreSQL, shared by any number of radflow nodes. A write locks only its
 * study's row ({@code SELECT … FOR UPDATE}), so commands on different studies run in parallel.
 */
public final class PostgresStudyStore extends JdbcStudyStore {

  private final HikariDataSource dataSource;

  PostgresStudyStore(HikariDataSource dataSource, StoreSettings settings) {
    super(dataSource, new PostgresDialect(), settings);
    this.dataSource = dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
