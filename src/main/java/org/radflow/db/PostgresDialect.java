package org.radflow.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

final class PostgresDialect implements Dialect {

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public String migrations() {
    return "classpath:db/migration/postgresql";
  }

  @Override
  public String rowLock() {
    return " for update";
  }

  @Override
  public String skipLocked() {
    return " for update skip locked";
  }

  @Override
  public String lockClause() {
    return " for update of s";
  }

  @Override
  public boolean combinesWrites() {
    return true;
  }

  @Override
  public void setId(PreparedStatement statement, int index, UUID id) throws SQLException {
    if (id == null) {
      statement.setNull(index, Types.OTHER);
    } else {
      statement.setObject(index, id);
    }
  }

  @Override
  public UUID getId(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, UUID.class); // null stays null
  }

  @Override
  public void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setTimestamp(index, Timestamp.from(instant));
    }
  }

  @Override
  public Instant getInstant(ResultSet rows, String column) throws SQLException {
    Timestamp value = rows.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  @Override
  public StoreException translate(SQLException e, String operation) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    StoreException.Kind kind;
    if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")) {
      kind = StoreException.Kind.UNAVAILABLE; // connection failures, admin shutdown, cannot connect
    } else if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
      kind = StoreException.Kind.CONTENDED; // serialization failure, deadlock, lock not available
    } else {
      kind = StoreException.Kind.FAILED;
    }
    return new StoreException(
        kind, operation + " failed on PostgreSQL (SQLSTATE " + state + "): " + e.getMessage(), e);
  }
}
