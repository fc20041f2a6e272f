package org.radflow.access.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.radflow.access.ConsoleUser;
import org.radflow.access.UserStore;
import org.radflow.audit.jdbc.JdbcAuditTrail;
import org.radflow.db.Database;
import org.radflow.db.Dialect;

/** The console_user rows; every change an admin makes is audited in the same transaction. */
public final class JdbcUserStore implements UserStore {

  private final Database database;
  private final Dialect dialect;
  private final JdbcAuditTrail audit;

  public JdbcUserStore(Database database, JdbcAuditTrail audit) {
    this.database = database;
    this.dialect = database.dialect();
    this.audit = audit;
  }

  @Override
  public boolean add(ConsoleUser user) {
    return database.write(
        "add user",
        c -> {
          int added;
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into console_user (username, password_hash, roles, failed_attempts,"
                      + " locked_until, created_at, created_by, disabled_at)"
                      + " values (?, ?, ?, 0, null, ?, ?, null) on conflict do nothing")) {
            s.setString(1, user.username());
            s.setString(2, user.passwordHash());
            s.setString(3, RoleColumn.write(user.roles()));
            dialect.setInstant(s, 4, user.createdAt());
            s.setString(5, user.createdBy());
            added = s.executeUpdate();
          }
          if (added == 1) {
            audit.record(
                c,
                user.createdAt(),
                user.createdBy(),
                "add-user",
                "user " + user.username(),
                null,
                "roles " + RoleColumn.write(user.roles()),
                "ADDED");
          }
          return added == 1;
        });
  }

  @Override
  public Optional<ConsoleUser> find(String username) {
    return database.read(
        "find user",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select * from console_user where username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Optional.of(user(r)) : Optional.<ConsoleUser>empty();
            }
          }
        });
  }

  @Override
  public List<ConsoleUser> all() {
    return database.read(
        "list users",
        c -> {
          List<ConsoleUser> all = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement("select * from console_user order by username");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              all.add(user(r));
            }
          }
          return all;
        });
  }

  @Override
  public boolean failed(String username, int maxFailures, Instant lockUntil) {
    return database.write(
        "count failed sign-in",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update console_user set failed_attempts = failed_attempts + 1,"
                      + " locked_until = case when failed_attempts + 1 >= ? then ?"
                      + " else locked_until end where username = ?")) {
            s.setInt(1, maxFailures);
            dialect.setInstant(s, 2, lockUntil);
            s.setString(3, username);
            if (s.executeUpdate() == 0) {
              return false;
            }
          }
          try (PreparedStatement s =
              c.prepareStatement("select failed_attempts from console_user where username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
              return r.next() && r.getInt(1) == maxFailures;
            }
          }
        });
  }

  @Override
  public void succeeded(String username) {
    database.write(
        "reset failed sign-ins",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update console_user set failed_attempts = 0, locked_until = null"
                      + " where username = ? and failed_attempts > 0")) {
            s.setString(1, username);
            s.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public boolean setPassword(String username, String passwordHash, String actor, Instant at) {
    return change(
        "set-password",
        username,
        actor,
        at,
        "update console_user set password_hash = ?, failed_attempts = 0, locked_until = null"
            + " where username = ? and disabled_at is null",
        passwordHash);
  }

  @Override
  public boolean unlock(String username, String actor, Instant at) {
    return change(
        "unlock-user",
        username,
        actor,
        at,
        "update console_user set failed_attempts = 0, locked_until = null"
            + " where username = ? and disabled_at is null");
  }

  @Override
  public boolean disable(String username, String actor, Instant at) {
    return database.write(
        "disable user",
        c -> {
          int changed;
          try (PreparedStatement s =
              c.prepareStatement(
                  "update console_user set disabled_at = ?"
                      + " where username = ? and disabled_at is null")) {
            dialect.setInstant(s, 1, at);
            s.setString(2, username);
            changed = s.executeUpdate();
          }
          return audited(c, changed, "disable-user", username, actor, at);
        });
  }

  /** An admin's change of one user: the statement takes {@code first} (if any) then the name. */
  private boolean change(
      String action, String username, String actor, Instant at, String sql, String... first) {
    return database.write(
        action,
        c -> {
          int changed;
          try (PreparedStatement s = c.prepareStatement(sql)) {
            int next = 1;
            for (String value : first) {
              s.setString(next++, value);
            }
            s.setString(next, username);
            changed = s.executeUpdate();
          }
          return audited(c, changed, action, username, actor, at);
        });
  }

  private boolean audited(
      Connection c, int changed, String action, String username, String actor, Instant at)
      throws SQLException {
    if (changed == 1) {
      audit.record(c, at, actor, action, "user " + username, null, "by an admin", "DONE");
    }
    return changed == 1;
  }

  private ConsoleUser user(ResultSet r) throws SQLException {
    return new ConsoleUser(
        r.getString("username"),
        r.getString("password_hash"),
        RoleColumn.read(r.getString("roles")),
        r.getInt("failed_attempts"),
        dialect.getInstant(r, "locked_until"),
        dialect.getInstant(r, "created_at"),
        r.getString("created_by"),
        dialect.getInstant(r, "disabled_at"));
  }
}
