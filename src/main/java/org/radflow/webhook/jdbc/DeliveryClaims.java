package org.radflow.webhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.radflow.db.Dialect;
import org.radflow.study.StudyId;
import org.radflow.webhook.DueDelivery;
import org.radflow.webhook.StoredSecret;

/**
 * Claiming due deliveries. A claim is a lease written into {@code next_attempt_at} and fenced by
 * {@code attempts}: the schema needs no lease columns, a claimed head is simply not due, and an
 * outcome written after the lease was taken over finds a different attempt number and changes
 * nothing.
 */
final class DeliveryClaims {

  private DeliveryClaims() {}

  /** Up to {@code limit} due heads, one per active subscription, leased for {@code lease}. */
  static List<DueDelivery> claim(
      Connection c, Dialect dialect, int limit, Instant now, Duration lease) throws SQLException {
    // The head of each active subscription, then only the heads that are due: a head that
    // waits for its retry (or is leased) holds back everything after it.
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select d.id from webhook_delivery d where d.id in (select min(p.id) from"
                + " webhook_delivery p where p.status = 'PENDING' and p.subscription_id in"
                + " (select a.id from webhook_subscription a where a.active = ?)"
                + " group by p.subscription_id)"
                + " and d.status = 'PENDING' and d.next_attempt_at <= ?"
                + " order by d.next_attempt_at, d.id limit ?"
                + dialect.skipLocked())) {
      s.setBoolean(1, true);
      dialect.setInstant(s, 2, now);
      s.setInt(3, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    List<DueDelivery> due = new ArrayList<>(ids.size());
    for (long id : ids) {
      try (PreparedStatement s =
          c.prepareStatement(
              "update webhook_delivery set attempts = attempts + 1, next_attempt_at = ?"
                  + " where id = ?")) {
        dialect.setInstant(s, 1, now.plus(lease));
        s.setLong(2, id);
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "select d.*, s.url, s.secret, s.secret_sealed from webhook_delivery d join"
                  + " webhook_subscription s on s.id = d.subscription_id where d.id = ?")) {
        s.setLong(1, id);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          due.add(
              new DueDelivery(
                  r.getLong("id"),
                  dialect.getId(r, "subscription_id"),
                  r.getString("url"),
                  new StoredSecret(r.getString("secret"), r.getBoolean("secret_sealed")),
                  dialect.getId(r, "event_id"),
                  new StudyId(dialect.getId(r, "study_id")),
                  r.getLong("study_seq"),
                  r.getString("event_type"),
                  r.getString("payload"),
                  r.getBoolean("replay"),
                  r.getInt("attempts")));
        }
      }
    }
    return due;
  }
}
