package org.radflow.webhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.radflow.audit.jdbc.JdbcAuditTrail;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.events.OutboxEvent;
import org.radflow.webhook.Acknowledged;
import org.radflow.webhook.DeliveryRun;
import org.radflow.webhook.DueDelivery;
import org.radflow.webhook.Redelivery;
import org.radflow.webhook.StoredSecret;
import org.radflow.webhook.Subscribing;
import org.radflow.webhook.WebhookDelivery;
import org.radflow.webhook.WebhookStore;
import org.radflow.webhook.WebhookSubscription;

/**
 * The webhook tables behind {@link WebhookStore}. Deliveries are written by the relay, through
 * {@link WebhookFanOut}, in the transaction that marks their event published. Claims are {@link
 * DeliveryClaims}; sealing the secrets stored before they were encrypted is {@link SealedSecrets}.
 */
public final class JdbcWebhooks implements WebhookStore {

  private final Database database;
  private final Dialect dialect;
  private final WebhookRows rows;
  private final WebhookFanOut fanOut;
  private final JdbcAuditTrail audit;

  public JdbcWebhooks(Database database, JdbcAuditTrail audit) {
    this(database, audit, WebhookFanOut.BACKLOG_LIMIT);
  }

  /** With another backlog limit, for tests that fill one. */
  JdbcWebhooks(Database database, JdbcAuditTrail audit, int backlogLimit) {
    this.database = database;
    this.dialect = database.dialect();
    this.rows = new WebhookRows(dialect);
    this.fanOut = new WebhookFanOut(dialect, backlogLimit);
    this.audit = audit;
  }

  // ---- subscriptions -------------------------------------------------------------------------

  @Override
  public Subscribing subscribe(
      String url,
      StoredSecret secret,
      String secretHint,
      List<String> eventTypes,
      String actor,
      Instant now,
      int maxActive) {
    String types = WebhookRows.encode(eventTypes);
    UUID id = UUID.randomUUID();
    return database.write(
        "subscribe webhook " + url,
        c -> {
          int active = countActiveLocked(c);
          if (active >= maxActive) {
            audit.record(
                c,
                now,
                actor,
                "SUBSCRIBE_WEBHOOK",
                "webhook " + url,
                null,
                "deliver " + types + " to " + url,
                "refused: " + active + " subscriptions are active, the most allowed");
            return new Subscribing.LimitReached(maxActive);
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into webhook_subscription (id, url, secret, secret_sealed, secret_hint,"
                      + " event_types, active, created_at, created_by)"
                      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            dialect.setId(s, 1, id);
            s.setString(2, url);
            s.setString(3, secret.value());
            s.setBoolean(4, secret.sealed());
            s.setString(5, secretHint);
            s.setString(6, types);
            s.setBoolean(7, true);
            dialect.setInstant(s, 8, now);
            s.setString(9, actor);
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
          return new Subscribing.Subscribed(rows.loadSubscription(c, id).orElseThrow());
        });
  }

  /**
   * How many subscriptions are active, counted after locking them: on PostgreSQL a concurrent
   * subscriber holding the lock is waited for, and the count (a statement of its own, so a fresh
   * snapshot) then includes its row.
   */
  private int countActiveLocked(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select id from webhook_subscription where active = ?" + dialect.rowLock())) {
      s.setBoolean(1, true);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          // locking is the point
        }
      }
    }
    try (PreparedStatement s =
        c.prepareStatement("select count(*) from webhook_subscription where active = ?")) {
      s.setBoolean(1, true);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  @Override
  public List<PlainSecret> plainSecrets() {
    return database.read("read plain webhook secrets", c -> SealedSecrets.plain(c, dialect));
  }

  @Override
  public boolean sealSecret(UUID subscriptionId, String plain, StoredSecret sealed) {
    if (!sealed.sealed()) {
      throw new IllegalArgumentException("sealSecret needs a sealed secret");
    }
    return database.write(
        "seal the secret of webhook " + subscriptionId,
        c -> SealedSecrets.seal(c, dialect, subscriptionId, plain, sealed));
  }

  @Override
  public List<WebhookSubscription> subscriptions() {
    return database.read(
        "read webhook subscriptions",
        c -> {
          List<WebhookSubscription> all = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement("select * from webhook_subscription order by created_at, id");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              all.add(rows.subscription(r));
            }
          }
          return all;
        });
  }

  @Override
  public Optional<WebhookSubscription> subscription(UUID id) {
    return database.read("read webhook subscription " + id, c -> rows.loadSubscription(c, id));
  }

  @Override
  public Optional<WebhookSubscription> deactivate(
      UUID id, String actor, String reason, Instant now) {
    return database.write(
        "deactivate webhook " + id,
        c -> {
          Optional<WebhookSubscription> current = rows.loadSubscription(c, id);
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
          int cancelled;
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_delivery set status = 'CANCELLED', last_error = ?,"
                      + " next_attempt_at = ? where subscription_id = ? and status = 'PENDING'")) {
            s.setString(1, "cancelled: subscription deactivated by " + actor + ": " + reason);
            dialect.setInstant(s, 2, now);
            dialect.setId(s, 3, id);
            cancelled = s.executeUpdate();
          }
          String outcome = changed == 1 ? "deactivated" : "already inactive";
          audit.record(
              c,
              now,
              actor,
              "DEACTIVATE_WEBHOOK",
              "webhook " + id,
              null,
              reason,
              cancelled == 0
                  ? outcome
                  : outcome + "; " + cancelled + " pending deliveries cancelled");
          return rows.loadSubscription(c, id);
        });
  }

  // ---- deliveries ----------------------------------------------------------------------------

  @Override
  public int deliverNow(OutboxEvent event, boolean replay, Instant now) {
    return database.write(
        "enqueue webhook deliveries of event " + event.eventId(),
        c -> fanOut.insertDeliveries(c, event, replay, now));
  }

  @Override
  public List<DeliveryRun> nextRuns(int subscriptions, int runLength, Instant now, Duration lease) {
    if (subscriptions <= 0 || runLength <= 0) {
      return List.of();
    }
    return database.write(
        "claim runs of due webhook deliveries",
        c -> DeliveryClaims.claim(c, dialect, subscriptions, runLength, now, lease));
  }

  @Override
  public int delivered(List<Acknowledged> acknowledged, Instant now) {
    if (acknowledged.isEmpty()) {
      return 0;
    }
    return database.write(
        "mark " + acknowledged.size() + " webhook deliveries delivered",
        c -> DeliveryClaims.delivered(c, dialect, acknowledged, now));
  }

  @Override
  public int release(List<DueDelivery> unattempted, Instant now) {
    if (unattempted.isEmpty()) {
      return 0;
    }
    return database.write(
        "release " + unattempted.size() + " unattempted webhook deliveries",
        c -> DeliveryClaims.release(c, dialect, unattempted, now));
  }

  @Override
  public boolean failed(
      long id, int attempt, Integer httpStatus, String error, Instant nextAttemptAt) {
    return endAttempt(id, attempt, "PENDING", httpStatus, error, nextAttemptAt);
  }

  @Override
  public boolean dead(long id, int attempt, Integer httpStatus, String error, Instant now) {
    return endAttempt(id, attempt, "DEAD", httpStatus, error, now);
  }

  private boolean endAttempt(
      long id, int attempt, String status, Integer httpStatus, String error, Instant at) {
    return database.write(
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

  @Override
  public Optional<WebhookDelivery> delivery(long id) {
    return database.read("read webhook delivery " + id, c -> rows.loadDelivery(c, id));
  }

  @Override
  public List<WebhookDelivery> deadLetters(UUID subscriptionId, int limit) {
    return database.read(
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
                dead.add(rows.delivery(r));
              }
            }
          }
          return dead;
        });
  }

  @Override
  public Redelivery redeliver(long deliveryId, String actor, String reason, Instant now) {
    return database.write(
        "redeliver webhook delivery " + deliveryId,
        c -> {
          Optional<WebhookDelivery> found = rows.loadDelivery(c, deliveryId);
          if (found.isEmpty()) {
            return new Redelivery.NotFound();
          }
          WebhookDelivery delivery = found.get();
          String target = "webhook delivery " + deliveryId;
          String refusal = null;
          if (delivery.status() != WebhookDelivery.Status.DEAD) {
            refusal = "the delivery is " + delivery.status() + ", not DEAD";
          } else if (!rows.loadSubscription(c, delivery.subscriptionId())
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
          return new Redelivery.Redelivered(rows.loadDelivery(c, deliveryId).orElseThrow());
        });
  }

  @Override
  public Map<WebhookDelivery.Status, Long> deliveryCounts() {
    return database.read(
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
}
