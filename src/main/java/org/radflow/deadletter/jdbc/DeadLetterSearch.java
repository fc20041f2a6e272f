package org.radflow.deadletter.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.radflow.db.Dialect;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterPage;
import org.radflow.deadletter.DeadLetterQuery;

/**
 * A {@link DeadLetterQuery} as SQL: each present criterion one bound condition, newest first by id,
 * one row more than the page to learn whether another page follows.
 */
final class DeadLetterSearch {

  /** Reads one row as a letter. */
  @FunctionalInterface
  interface RowReader {
    DeadLetter read(ResultSet row) throws SQLException;
  }

  private final Dialect dialect;
  private final RowReader rows;

  DeadLetterSearch(Dialect dialect, RowReader rows) {
    this.dialect = dialect;
    this.rows = rows;
  }

  DeadLetterPage run(Connection c, DeadLetterQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder("select * from dead_letter where 1 = 1");
    List<Object> args = new ArrayList<>();
    equal(sql, args, "status", q.status() == null ? null : q.status().name());
    equal(sql, args, "channel", q.channel());
    equal(sql, args, "error_code", q.errorCode() == null ? null : q.errorCode().name());
    equal(sql, args, "message_type", q.messageType());
    equal(sql, args, "control_id", q.controlId());
    equal(sql, args, "accession", q.accession());
    if (q.text() != null) {
      // lower() on both sides: LIKE ignores case on SQLite but not on PostgreSQL
      sql.append(" and lower(reason) like ? escape '\\'");
      args.add("%" + escapeLike(q.text().toLowerCase(Locale.ROOT)) + "%");
    }
    if (q.receivedFrom() != null) {
      sql.append(" and received_at >= ?");
      args.add(q.receivedFrom());
    }
    if (q.receivedTo() != null) {
      sql.append(" and received_at < ?");
      args.add(q.receivedTo());
    }
    if (q.afterId() != null) {
      sql.append(" and id < ?");
      args.add(q.afterId());
    }
    sql.append(" order by id desc limit ?");
    args.add(q.limit() + 1);
    List<DeadLetter> items = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      bind(dialect, s, args);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          items.add(rows.read(r));
        }
      }
    }
    if (items.size() <= q.limit()) {
      return new DeadLetterPage(items, null);
    }
    List<DeadLetter> page = items.subList(0, q.limit());
    return new DeadLetterPage(page, page.get(page.size() - 1).id());
  }

  private static void equal(StringBuilder sql, List<Object> args, String column, String value) {
    if (value != null) {
      sql.append(" and ").append(column).append(" = ?");
      args.add(value);
    }
  }

  /**
   * The text as a literal inside LIKE: its own {@code %}, {@code _} and {@code \} match only
   * themselves.
   */
  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Binds strings, instants and whole numbers, in order. */
  static void bind(Dialect dialect, PreparedStatement s, List<Object> args) throws SQLException {
    int index = 1;
    for (Object arg : args) {
      if (arg instanceof Instant instant) {
        dialect.setInstant(s, index++, instant);
      } else if (arg instanceof Long number) {
        s.setLong(index++, number);
      } else if (arg instanceof Integer number) {
        s.setInt(index++, number);
      } else {
        s.setString(index++, (String) arg);
      }
    }
  }
}
