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
 *
 * <p>A subscription's deliveries are sent one at a time, and a receiver that keeps failing holds
 * each for its whole retry allowance (with the default {@code DeliveryPolicy}, some minutes), so
 * while it is down its queue only grows. At {@link #BACKLOG_LIMIT} pending deliveries a new one is
 * written DEAD instead, with the reason: the dispatcher never works on it, the pending count stays
 * bounded, and it waits in the dead-letter view to be redelivered once the receiver is back.
 */
public final class WebhookFanOut implements PublicationFanOut {

  /** The most deliveries one subscription may have pending. */
  public static final int BACKLOG_LIMIT = 1000;

  private final Dialect dialect;
  private final String insertDeliveries;

  WebhookFanOut(Dialect dialect, int backlogLimit) {
    if (backlogLimit < 1) {
      throw new IllegalArgumentException("backlogLimit must be at least 1, was " + backlogLimit);
    }
    this.dialect = dialect;
    String full =
        "(select count(*) from webhook_delivery p where p.subscription_id = s.id"
            + " and p.status = 'PENDING') >= "
            + backlogLimit;
    this.insertDeliveries =
        "insert into webhook_delivery (subscription_id, event_id, study_id, study_seq,"
            + " event_type, payload, replay, status, attempts, next_attempt_at, created_at,"
            + " last_error, trace_parent)"
            + " select s.id, ?, ?, ?, ?, ?, ?,"
            + (" case when " + full + " then 'DEAD' else 'PENDING' end, 0, ?, ?,")
            + (" case when " + full + " then 'not queued: " + backlogLimit)
            + " deliveries of this subscription were pending already' end, ?"
            + " from webhook_subscription s where s.active = ? and "
            + WebhookRows.MATCHES;
  }

  /** For the relay. */
  public static WebhookFanOut on(org.radflow.db.Database database) {
    return new WebhookFanOut(database.dialect(), BACKLOG_LIMIT);
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
   * event} (DEAD, with the reason, for a subscription whose backlog is full), inside the caller's
   * transaction: the relay's, which marks the event published in the same commit. Returns how many.
   */
  public int insertDeliveries(Connection c, OutboxEvent event, boolean replay, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(insertDeliveries)) {
      dialect.setId(s, 1, event.eventId());
      dialect.setId(s, 2, event.studyId().value());
      s.setLong(3, event.studySeq());
      s.setString(4, event.eventType());
      s.setString(5, event.payload());
      s.setBoolean(6, replay);
      dialect.setInstant(s, 7, now);
      dialect.setInstant(s, 8, now);
      s.setString(9, event.traceParent());
      s.setBoolean(10, true);
      s.setString(11, event.eventType());
      return s.executeUpdate();
    }
  }
}
