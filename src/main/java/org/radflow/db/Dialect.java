package org.radflow.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** What differs between the two databases: types, locking and the meaning of error codes. */
public interface Dialect {

  String name();

  /** The Flyway location of this database's migrations. */
  String migrations();

  /** Appended to the SELECT that loads a study (aliased {@code s}) for writing. */
  String lockClause();

  /** Appended to a SELECT of single-table rows to lock them for the transaction. */
  String rowLock();

  /** Appended to the SELECT of a claim, so concurrent claimers pass over each other's rows. */
  String skipLocked();

  /**
   * Whether one statement may carry several data-modifying common table expressions, so that a
   * command's writes take one round trip.
   */
  boolean combinesWrites();

  void setId(PreparedStatement statement, int index, UUID id) throws SQLException;

  UUID getId(ResultSet rows, String column) throws SQLException;

  void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

  Instant getInstant(ResultSet rows, String column) throws SQLException;

  boolean isUniqueViolation(SQLException e);

  /** The one place where this database's errors become radflow's. */
  StoreException translate(SQLException e, String operation);
}
