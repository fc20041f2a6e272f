package org.radflow.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

final class SqliteDialect implements Dialect {

  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_IOERR = 10;

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public String migrations() {
    return "classpath:db/migration/sqlite";
  }

  @Override
  public String rowLock() {
    return "";
  }

  /** One writer at a time: there is nobody to skip past. */
  @Override
  public String skipLocked() {
    return "";
  }

  @Override
  public String lockClause() {
    return ""; // the write transaction already holds SQLite's single write lock
  }

  @Override
  public boolean combinesWrites() {
    return false;
  }

  @Override
  public void setId(PreparedStatement statement, int index, UUID id) throws SQLException {
    statement.setString(index, id == null ? null : id.toString());
  }

  @Override
  public UUID getId(ResultSet rows, String column) throws SQLException {
    String id = rows.getString(column);
    return id == null ? null : UUID.fromString(id);
  }

  @Override
  public void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setLong(index, ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    }
  }

  @Override
  public Instant getInstant(ResultSet rows, String column) throws SQLException {
    long micros = rows.getLong(column);
    return rows.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555)
    return e.getErrorCode() == 19
        || (e.getMessage() != null && e.getMessage().contains("SQLITE_CONSTRAINT_UNIQUE"))
        || (e.getMessage() != null && e.getMessage().contains("SQLITE_CONSTRAINT_PRIMARYKEY"));
  }

  @Override
  public StoreException translate(SQLException e, String operation) {
    int primary = e.getErrorCode() & 0xff;
    StoreException.Kind kind =
        switch (primary) {
          case SQLITE_BUSY, SQLITE_LOCKED -> StoreException.Kind.CONTENDED;
          case SQLITE_CANTOPEN, SQLITE_FULL, SQLITE_IOERR -> StoreException.Kind.UNAVAILABLE;
          default -> StoreException.Kind.FAILED;
        };
    return new StoreException(
        kind,
        operation + " failed on SQLite (code " + e.getErrorCode() + "): " + e.getMessage(),
        e);
  }
}
