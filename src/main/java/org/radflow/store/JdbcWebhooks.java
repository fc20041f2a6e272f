package org.radflow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.radflow.outbox.OutboxEvent;
import org.radflow.study.StudyId;

/**
 * The webhook tables behind {@link WebhookStore}.
 *
 * <p>{@code event_types} is {@code *} for every event, or the types wrapped in commas ({@code
 * ,study.created,study.joined,}) so that one {@code LIKE} matches a whole type and never a prefix
 * of another; {@link #MATCHES} is that test, shared with the relay through {@link
 * #insertDeliveries}.
 *
 * <p>A claim is a lease written into {@code next_attempt_at} and fenced by {@code attempts}: the
 * schema needs no lease columns, a claimed head is simply not due, and an outcome written after the
 * lease was taken over finds a different attempt number and changes nothing.
 */
final class JdbcWebhooks {

  static final String ALL = "*";

  /** Whether subscription {@code s} wants an event of the type bound to the parameter. */
  static final String MATCHES = "(s.event_types = '*' or s.event_types like '%,' || ? || ',%')";

  private static final String INSERT_DELIVERIES =
      "insert into webhook_delivery (subscription_id, event_id, study_id, study_seq, event_type,"
          + " payload, replay, status, attempts, next_attempt_at, created_at)"
          + " select s.id, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ? from webhook_subscription s"
          + " where s.active = ? and "
          + MATCHES;

  private final JdbcStudyStore store;
  private final Dialect dialect;
  private final OperatorActions audit;

  JdbcWebhooks(JdbcStudyStore store, Dialect dialect, OperatorActions audit) {
    this.store = store;
    this.dialect = dialect;
    this.audit = audit;
  }

  // ---- subscriptions -------------------------------------------------------------------------

  WebhookSubscription subscribe(
      String url, String secret, List<String> eventTypes, String actor, Instant now) {
    String types = encode(eventTypes);
    UUID id = UUID.randomUUID();
    return store.inWriteTransaction(
        "subscribe webhook " + url,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into webhook_subscription (id, url, secret, event_types, active,"
                      + " created_at, created_by) values (?, ?, ?, ?, ?, ?, ?)")) {
            dialect.setId(s, 1, id);
            s.setString(2, url);
            s.setString(3, secret);
            s.setString(4, types);
            s.setBoolean(5, true);
            dialect.setInstant(s, 6, now);
            s.setString(7, actor);
            s.executeUpdate();
          }
          audit.record(
              c,
              now,
              actor,
              "SUBSCRIBE_WEBHOOK",
              "webhook " + id,
              null,
              "deliver " + types + " to " + url,
              "subscribed");
          return loadSubscription(c, id).orElseThrow();
        });
  }

  List<WebhookSubscription> subscriptions() {
    return store.read(
        "read webhook subscriptions",
        c -> {
          List<WebhookSubscription> all = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement("select * from webhook_subscription order by created_at, id");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              all.add(subscription(r));
            }
          }
          return all;
        });
  }

  Optional<WebhookSubscription> subscription(UUID id) {
    return store.read("read webhook subscription " + id, c -> loadSubscription(c, id));
  }

  Optional<WebhookSubscription> deactivate(UUID id, String actor, String reason, Instant now) {
    return store.inWriteTransaction(
        "deactivate webhook " + id,
        c -> {
          Optional<WebhookSubscription> current = loadSubscription(c, id);
          if (current.isEmpty()) {
            return current;
          }
          int changed;
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_subscription set active = ? where id = ? and active = ?")) {
            s.setBoolean(1, false);
            dialect.setId(s, 2, id);
            s.setBoolean(3, true);
            changed = s.executeUpdate();
          }
          audit.record(
              c,
              now,
              actor,
              "DEACTIVATE_WEBHOOK",
              "webhook " + id,
              null,
              reason,
              changed == 1 ? "deactivated" : "already inactive");
          return loadSubscription(c, id);
        });
  }

  // ---- deliveries ----------------------------------------------------------------------------

  int deliverNow(OutboxEvent event, boolean replay, Instant now) {
    return store.inWriteTransaction(
        "enqueue webhook deliveries of event " + event.eventId(),
        c -> insertDeliveries(c, event, replay, now));
  }

  /**
   * Inserts one pending delivery, due at {@code now}, per active subscription matching {@code
   * event}, inside the caller's transaction: the relay's, which marks the event published in the
   * same commit. Returns how many.
   */
  int insertDeliveries(Connection c, OutboxEvent event, boolean replay, Instant now)
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

  List<DueDelivery> nextDue(int limit, Instant now, Duration lease) {
    if (limit <= 0) {
      return List.of();
    }
    return store.inWriteTransaction(
        "claim due webhook deliveries",
        c -> {
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
                    "select d.*, s.url, s.secret from webhook_delivery d join webhook_subscription"
                        + " s on s.id = d.subscription_id where d.id = ?")) {
              s.setLong(1, id);
              try (ResultSet r = s.executeQuery()) {
                r.next();
                due.add(
                    new DueDelivery(
                        r.getLong("id"),
                        dialect.getId(r, "subscription_id"),
                        r.getString("url"),
                        r.getString("secret"),
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
        });
  }

  boolean delivered(long id, int attempt, int httpStatus, Instant now) {
    return store.inWriteTransaction(
        "mark webhook delivery " + id + " delivered",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_delivery set status = 'DELIVERED', last_status = ?,"
                      + " last_error = null, delivered_at = ?"
                      + " where id = ? and status = 'PENDING' and attempts = ?")) {
            s.setInt(1, httpStatus);
            dialect.setInstant(s, 2, now);
            s.setLong(3, id);
            s.setInt(4, attempt);
            return s.executeUpdate() == 1;
          }
        });
  }

  boolean failed(long id, int attempt, Integer httpStatus, String error, Instant nextAttemptAt) {
    return endAttempt(id, attempt, "PENDING", httpStatus, error, nextAttemptAt);
  }

  boolean dead(long id, int attempt, Integer httpStatus, String error, Instant now) {
    return endAttempt(id, attempt, "DEAD", httpStatus, error, now);
  }

  private boolean endAttempt(
      long id, int attempt, String status, Integer httpStatus, String error, Instant at) {
    return store.inWriteTransaction(
        "record failed attempt " + attempt + " of webhook delivery " + id,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_delivery set status = ?, last_status = ?, last_error = ?,"
                      + " next_attempt_at = ? where id = ? and status = 'PENDING'"
                      + " and attempts = ?")) {
            s.setString(1, status);
            if (httpStatus == null) {
              s.setNull(2, java.sql.Types.INTEGER);
            } else {
              s.setInt(2, httpStatus);
            }
            s.setString(3, error);
            dialect.setInstant(s, 4, at);
            s.setLong(5, id);
            s.setInt(6, attempt);
            return s.executeUpdate() == 1;
          }
        });
  }

  Optional<WebhookDelivery> delivery(long id) {
    return store.read("read webhook delivery " + id, c -> loadDelivery(c, id));
  }

  List<WebhookDelivery> deadLetters(UUID subscriptionId, int limit) {
    return store.read(
        "read dead webhook deliveries of " + subscriptionId,
        c -> {
          List<WebhookDelivery> dead = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select * from webhook_delivery where subscription_id = ? and status = 'DEAD'"
                      + " order by id limit ?")) {
            dialect.setId(s, 1, subscriptionId);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                dead.add(delivery(r));
              }
            }
          }
          return dead;
        });
  }

  Redelivery redeliver(long deliveryId, String actor, String reason, Instant now) {
    return store.inWriteTransaction(
        "redeliver webhook delivery " + deliveryId,
        c -> {
          Optional<WebhookDelivery> found = loadDelivery(c, deliveryId);
          if (found.isEmpty()) {
            return new Redelivery.NotFound();
          }
          WebhookDelivery delivery = found.get();
          String target = "webhook delivery " + deliveryId;
          String refusal = null;
          if (delivery.status() != WebhookDelivery.Status.DEAD) {
            refusal = "the delivery is " + delivery.status() + ", not DEAD";
          } else if (!loadSubscription(c, delivery.subscriptionId())
              .map(WebhookSubscription::active)
              .orElse(false)) {
            refusal = "its subscription is inactive";
          }
          if (refusal != null) {
            audit.record(
                c,
                now,
                actor,
                "REDELIVER_WEBHOOK",
                target,
                delivery.studyId(),
                reason,
                "refused: " + refusal);
            return new Redelivery.Refused(refusal);
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_delivery set status = 'PENDING', attempts = 0,"
                      + " next_attempt_at = ? where id = ? and status = 'DEAD'")) {
            dialect.setInstant(s, 1, now);
            s.setLong(2, deliveryId);
            s.executeUpdate();
          }
          audit.record(
              c,
              now,
              actor,
              "REDELIVER_WEBHOOK",
              target,
              delivery.studyId(),
              reason,
              "pending again after " + delivery.attempts() + " attempts");
          return new Redelivery.Redelivered(loadDelivery(c, deliveryId).orElseThrow());
        });
  }

  Map<WebhookDelivery.Status, Long> deliveryCounts() {
    return store.read(
        "count webhook deliveries",
        c -> {
          Map<WebhookDelivery.Status, Long> counts = new EnumMap<>(WebhookDelivery.Status.class);
          for (WebhookDelivery.Status status : WebhookDelivery.Status.values()) {
            counts.put(status, 0L);
          }
          try (PreparedStatement s =
                  c.prepareStatement(
                      "select status, count(*) from webhook_delivery group by status");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              counts.put(WebhookDelivery.Status.valueOf(r.getString(1)), r.getLong(2));
            }
          }
          return counts;
        });
  }

  // ---- rows ----------------------------------------------------------------------------------

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

  private Optional<WebhookSubscription> loadSubscription(Connection c, UUID id)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select * from webhook_subscription where id = ?")) {
      dialect.setId(s, 1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(subscription(r)) : Optional.empty();
      }
    }
  }

  private WebhookSubscription subscription(ResultSet r) throws SQLException {
    return new WebhookSubscription(
        dialect.getId(r, "id"),
        r.getString("url"),
        WebhookSubscription.hint(r.getString("secret")),
        decode(r.getString("event_types")),
        r.getBoolean("active"),
        dialect.getInstant(r, "created_at"),
        r.getString("created_by"));
  }

  private Optional<WebhookDelivery> loadDelivery(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select * from webhook_delivery where id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(delivery(r)) : Optional.empty();
      }
    }
  }

  private WebhookDelivery delivery(ResultSet r) throws SQLException {
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
