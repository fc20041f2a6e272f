package org.radflow.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs read-only work on a pooled connection in auto-commit mode: every row it sees is committed.
 */
final class Reads {

  private final DataSource dataSource;
  private final Dialect dialect;

  Reads(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  <T> T read(String operation, JdbcStudyStore.SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      return work.run(connection);
    } catch (SQLException e) {
      throw dialect.translate(e, operation);
    }
  }
}
