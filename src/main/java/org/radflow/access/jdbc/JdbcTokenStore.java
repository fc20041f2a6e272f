package org.radflow.access.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.radflow.access.ApiToken;
import org.radflow.access.TokenStore;
import org.radflow.audit.jdbc.JdbcAuditTrail;
import org.radflow.db.Database;
import org.radflow.db.Dialect;

/** The api_token rows; issuing and revoking are audited in the same transaction. */
public final class JdbcTokenStore implements TokenStore {

  private final Database database;
  private final Dialect dialect;
  private final JdbcAuditTrail audit;

  public JdbcTokenStore(Database database, JdbcAuditTrail audit) {
    this.database = database;
    this.dialect = database.dialect();
    this.audit = audit;
  }

  @Override
  public boolean add(ApiToken token, byte[] secretHash) {
    return database.write(
        "issue token",
        c -> {
          int added;
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into api_token (id, name, roles, secret_hash, created_at, created_by,"
                      + " expires_at, revoked_at) values (?, ?, ?, ?, ?, ?, ?, null)"
                      + " on conflict do nothing")) {
            dialect.setId(s, 1, token.id());
            s.setString(2, token.name());
            s.setString(3, RoleColumn.write(token.roles()));
            s.setBytes(4, secretHash);
            dialect.setInstant(s, 5, token.createdAt());
            s.setString(6, token.createdBy());
            dialect.setInstant(s, 7, token.expiresAt());
            added = s.executeUpdate();
          }
          if (added == 1) {
            audit.record(
                c,
                token.createdAt(),
                token.createdBy(),
                "issue-token",
                "token " + token.id() + " (" + token.name() + ")",
                null,
                "roles " + RoleColumn.write(token.roles()),
                "ISSUED");
          }
          return added == 1;
        });
  }

  @Override
  public Optional<Stored> bySecretHash(byte[] secretHash) {
    return database.read(
        "find token",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select * from api_token where secret_hash = ?")) {
            s.setBytes(1, secretHash);
            try (ResultSet r = s.executeQuery()) {
              return r.next()
                  ? Optional.of(new Stored(token(r), r.getBytes("secret_hash")))
                  : Optional.<Stored>empty();
            }
          }
        });
  }

  @Override
  public List<ApiToken> all() {
    return database.read(
        "list tokens",
        c -> {
          List<ApiToken> all = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement("select * from api_token order by created_at desc, name");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              all.add(token(r));
            }
          }
          return all;
        });
  }

  @Override
  public boolean revoke(UUID id, String actor, Instant at) {
    return database.write(
        "revoke token",
        c -> {
          int revoked;
          try (PreparedStatement s =
              c.prepareStatement(
                  "update api_token set revoked_at = ? where id = ? and revoked_at is null")) {
            dialect.setInstant(s, 1, at);
            dialect.setId(s, 2, id);
            revoked = s.executeUpdate();
          }
          if (revoked == 1) {
            audit.record(
                c, at, actor, "revoke-token", "token " + id, null, "by an admin", "REVOKED");
          }
          return revoked == 1;
        });
  }

  private ApiToken token(ResultSet r) throws SQLException {
    return new ApiToken(
        dialect.getId(r, "id"),
        r.getString("name"),
        RoleColumn.read(r.getString("roles")),
        dialect.getInstant(r, "created_at"),
        r.getString("created_by"),
        dialect.getInstant(r, "expires_at"),
        dialect.getInstant(r, "revoked_at"));
  }
}
