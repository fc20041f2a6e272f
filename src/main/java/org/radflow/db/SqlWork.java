package org.radflow.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection: inside a transaction for writes, in auto-commit for reads. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
