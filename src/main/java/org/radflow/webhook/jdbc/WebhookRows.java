package org.radflow.webhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.radflow.db.Dialect;
import org.radflow.study.StudyId;
import org.radflow.webhook.WebhookDelivery;
import org.radflow.webhook.WebhookSubscription;

/**
 * Webhook rows read into records, and the encoding of a subscription's event types: {@code *} for
 * every event, or the types wrapped in commas ({@code ,study.created,study.joined,}) so that one
 * {@code LIKE} matches a whole type and never a prefix of another.
 */
final class WebhookRows {

  static final String ALL = "*";

  /** Whether subscription {@code s} wants an event of the type bound to the parameter. */
  static final String MATCHES = "(s.event_types = '*' or s.event_types like '%,' || ? || ',%')";

  private final Dialect dialect;

  WebhookRows(Dialect dialect) {
    this.dialect = dialect;
  }

  /** {@code *} alone for every event, else the sorted distinct types wrapped in commas. */
  static String encode(List<String> eventTypes) {
    if (eventTypes == null || eventTypes.isEmpty()) {
      throw new IllegalArgumentException("eventTypes must name at least one type, or *");
    }
    if (eventTypes.contains(ALL)) {
      return ALL;
    }
    for (String type : eventTypes) {
      if (type == null || type.isBlank() || type.contains(",") || type.contains("%")) {
        throw new IllegalArgumentException("eventTypes must not contain '" + type + "'");
      }
    }
    return "," + String.join(",", new TreeSet<>(eventTypes)) + ",";
  }

  static List<String> decode(String eventTypes) {
    if (ALL.equals(eventTypes)) {
      return List.of(ALL);
    }
    return Arrays.stream(eventTypes.split(",")).filter(t -> !t.isEmpty()).toList();
  }

  Optional<WebhookSubscription> loadSubscription(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select * from webhook_subscription where id = ?")) {
      dialect.setId(s, 1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(subscription(r)) : Optional.empty();
      }
    }
  }

  WebhookSubscription subscription(ResultSet r) throws SQLException {
    return new WebhookSubscription(
        dialect.getId(r, "id"),
        r.getString("url"),
        r.getString("secret_hint"),
        decode(r.getString("event_types")),
        r.getBoolean("active"),
        dialect.getInstant(r, "created_at"),
        r.getString("created_by"));
  }

  Optional<WebhookDelivery> loadDelivery(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select * from webhook_delivery where id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(delivery(r)) : Optional.empty();
      }
    }
  }

  WebhookDelivery delivery(ResultSet r) throws SQLException {
    int lastStatus = r.getInt("last_status");
    Integer status = r.wasNull() ? null : lastStatus;
    return new WebhookDelivery(
        r.getLong("id"),
        dialect.getId(r, "subscription_id"),
        dialect.getId(r, "event_id"),
        new StudyId(dialect.getId(r, "study_id")),
        r.getLong("study_seq"),
        r.getString("event_type"),
        r.getString("payload"),
        r.getBoolean("replay"),
        WebhookDelivery.Status.valueOf(r.getString("status")),
        r.getInt("attempts"),
        dialect.getInstant(r, "next_attempt_at"),
        r.getString("last_error"),
        status,
        dialect.getInstant(r, "created_at"),
        dialect.getInstant(r, "delivered_at"));
  }
}
