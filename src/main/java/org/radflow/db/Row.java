package org.radflow.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The values of one row to insert or update, in column order, so the same row can be bound into a
 * statement of its own or into a larger one.
 */
public final class Row {

  /** A null whose column type the driver must be told. */
  enum Null {
    TEXT,
    INSTANT,
    ID,
    INTEGER
  }

  private final List<Object> values = new ArrayList<>();

  public Row text(String value) {
    values.add(value == null ? Null.TEXT : value);
    return this;
  }

  public Row number(long value) {
    values.add(value);
    return this;
  }

  public Row id(UUID value) {
    values.add(value == null ? Null.ID : value);
    return this;
  }

  public Row integer(Integer value) {
    values.add(value == null ? Null.INTEGER : (Object) value.longValue());
    return this;
  }

  public Row bool(boolean value) {
    values.add(value);
    return this;
  }

  public Row instant(Instant value) {
    values.add(value == null ? Null.INSTANT : value);
    return this;
  }

  /** Binds the values from position {@code first}; returns the next free position. */
  public int bind(PreparedStatement statement, int first, Dialect dialect) throws SQLException {
    int index = first;
    for (Object value : values) {
      if (value == Null.TEXT) {
        statement.setNull(index, Types.VARCHAR);
      } else if (value == Null.INSTANT) {
        dialect.setInstant(statement, index, null);
      } else if (value == Null.ID) {
        dialect.setId(statement, index, null);
      } else if (value == Null.INTEGER) {
        statement.setNull(index, Types.BIGINT);
      } else if (value instanceof String text) {
        statement.setString(index, text);
      } else if (value instanceof Long number) {
        statement.setLong(index, number);
      } else if (value instanceof UUID id) {
        dialect.setId(statement, index, id);
      } else if (value instanceof Boolean flag) {
        statement.setBoolean(index, flag);
      } else if (value instanceof Instant instant) {
        dialect.setInstant(statement, index, instant);
      } else {
        throw new IllegalStateException("cannot bind " + value.getClass());
      }
      index++;
    }
    return index;
  }

  /**
   * {@code (?::uuid, ?::text, …)}: this row's placeholders, each cast to its value's PostgreSQL
   * type, for rows selected rather than inserted as values (where no target column types them).
   */
  public String typedPlaceholders() {
    StringBuilder sql = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      sql.append(i == 0 ? "?::" : ", ?::").append(postgresType(value));
    }
    return sql.append(')').toString();
  }

  private static String postgresType(Object value) {
    if (value == Null.TEXT || value instanceof String) {
      return "text";
    }
    if (value == Null.INSTANT || value instanceof Instant) {
      return "timestamptz";
    }
    if (value == Null.ID || value instanceof UUID) {
      return "uuid";
    }
    if (value == Null.INTEGER || value instanceof Long) {
      return "bigint";
    }
    return "boolean";
  }

  /** {@code (?, ?, …)} for a row of {@code size} values. */
  public static String placeholders(int size) {
    return "(" + String.join(", ", java.util.Collections.nCopies(size, "?")) + ")";
  }
}
