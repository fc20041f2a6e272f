package org.radflow.webhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.radflow.db.Dialect;
import org.radflow.events.OutboxEvent;
import org.radflow.events.jdbc.PublicationFanOut;

/**
 * The webhooks' share of publishing an event: one pending delivery per active subscription that
 * wants it, written in the relay's transaction that marks the event published.
 */
public final class WebhookFanOut implements PublicationFanOut {

  private static final String INSERT_DELIVERIES =
      "insert into webhook_delivery (subscription_id, event_id, study_id, study_seq, event_type,"
          + " payload, replay, status, attempts, next_attempt_at, created_at)"
          + " select s.id, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ? from webhook_subscription s"
          + " where s.active = ? and "
          + WebhookRows.MATCHES;

  private final Dialect dialect;

  WebhookFanOut(Dialect dialect) {
    this.dialect = dialect;
  }

  /** For the relay. */
  public static WebhookFanOut on(org.radflow.db.Database database) {
    return new WebhookFanOut(database.dialect());
  }

  /**
   * The deliveries the relay writes when it marks events published: none, without a statement per
   * event, while nobody subscribes.
   */
  @Override
  public void published(Connection c, List<OutboxEvent> events, boolean replay, Instant now)
      throws SQLException {
    if (!anyActiveSubscription(c)) {
      return;
    }
    for (OutboxEvent event : events) {
      insertDeliveries(c, event, replay, now);
    }
  }

  private static boolean anyActiveSubscription(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select 1 from webhook_subscription where active = ? limit 1")) {
      s.setBoolean(1, true);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /**
   * Inserts one pending delivery, due at {@code now}, per active subscription matching {@code
   * event}, inside the caller's transaction: the relay's, which marks the event published in the
   * same commit. Returns how many.
   */
  public int insertDeliveries(Connection c, OutboxEvent event, boolean replay, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_DELIVERIES)) {
      dialect.setId(s, 1, event.eventId());
      dialect.setId(s, 2, event.studyId().value());
      s.setLong(3, event.studySeq());
      s.setString(4, event.eventType());
      s.setString(5, event.payload());
      s.setBoolean(6, replay);
      dialect.setInstant(s, 7, now);
      dialect.setInstant(s, 8, now);
      s.setBoolean(9, true);
      s.setString(10, event.eventType());
      return s.executeUpdate();
    }
  }
}
