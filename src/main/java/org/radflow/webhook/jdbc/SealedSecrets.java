package org.radflow.webhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.radflow.db.Dialect;
import org.radflow.webhook.StoredSecret;
import org.radflow.webhook.WebhookStore.PlainSecret;

/**
 * The secrets stored before they were encrypted, found and sealed once: a secret is replaced only
 * while it is still the plain one read, so two nodes sealing together seal it once.
 */
final class SealedSecrets {

  private SealedSecrets() {}

  static List<PlainSecret> plain(Connection c, Dialect dialect) throws SQLException {
    List<PlainSecret> plain = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement("select id, secret from webhook_subscription where secret_sealed = ?")) {
      s.setBoolean(1, false);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          plain.add(new PlainSecret(dialect.getId(r, "id"), r.getString("secret")));
        }
      }
    }
    return plain;
  }

  static boolean seal(
      Connection c, Dialect dialect, UUID subscriptionId, String plain, StoredSecret sealed)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update webhook_subscription set secret = ?, secret_sealed = ?"
                + " where id = ? and secret_sealed = ? and secret = ?")) {
      s.setString(1, sealed.value());
      s.setBoolean(2, true);
      dialect.setId(s, 3, subscriptionId);
      s.setBoolean(4, false);
      s.setString(5, plain);
      return s.executeUpdate() == 1;
    }
  }
}
