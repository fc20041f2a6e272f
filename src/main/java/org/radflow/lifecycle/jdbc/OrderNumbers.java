package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.radflow.db.Dialect;
import org.radflow.study.OrderNumber;
import org.radflow.study.StudyId;

/**
 * The study's placer and filler order numbers as indexed columns, so a message that names only its
 * order finds the study. The numbers themselves are data the model records — a new study's
 * attributes, a transition's data — and these columns index the first of each that a study was
 * given. A number is written only to a study that has none in that role and only when no other
 * study holds it: the first study to claim a number keeps it, and a transition that names another
 * one is still in the history. On PostgreSQL two studies claiming one number at once may both pass
 * the check; the unique index refuses the second, whose command fails and is retried by its sender.
 */
final class OrderNumbers {

  private final Dialect dialect;

  OrderNumbers(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Indexes the order numbers {@code values} name, in the caller's transaction. */
  void record(Connection c, StudyId id, Map<String, String> values) throws SQLException {
    for (OrderNumber.Role role : OrderNumber.Role.values()) {
      Optional<OrderNumber> number = role.in(values);
      if (number.isEmpty()) {
        continue;
      }
      String authority = column(role) + "_authority";
      String value = column(role) + "_number";
      try (PreparedStatement s =
          c.prepareStatement(
              "update study set "
                  + authority
                  + " = ?, "
                  + value
                  + " = ? where id = ? and "
                  + value
                  + " is null and not exists (select 1 from study o where o."
                  + authority
                  + " = ? and o."
                  + value
                  + " = ?)")) {
        s.setString(1, number.get().assigningAuthority());
        s.setString(2, number.get().number());
        dialect.setId(s, 3, id.value());
        s.setString(4, number.get().assigningAuthority());
        s.setString(5, number.get().number());
        s.executeUpdate();
      }
    }
  }

  Optional<StudyId> idOf(Connection c, OrderNumber.Role role, OrderNumber number)
      throws SQLException {
    String column = column(role);
    try (PreparedStatement s =
        c.prepareStatement(
            "select id from study where "
                + column
                + "_authority = ? and "
                + column
                + "_number = ?")) {
      s.setString(1, number.assigningAuthority());
      s.setString(2, number.number());
      try (ResultSet found = s.executeQuery()) {
        return found.next()
            ? Optional.of(new StudyId(dialect.getId(found, "id")))
            : Optional.empty();
      }
    }
  }

  private static String column(OrderNumber.Role role) {
    return switch (role) {
      case PLACER -> "placer_order";
      case FILLER -> "filler_order";
    };
  }
}
