package org.radflow.webhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.radflow.db.Dialect;
import org.radflow.study.StudyId;
import org.radflow.webhook.Acknowledged;
import org.radflow.webhook.DeliveryRun;
import org.radflow.webhook.DueDelivery;
import org.radflow.webhook.StoredSecret;

/**
 * Claiming due deliveries in runs, and settling a claim. A claim is a lease written into {@code
 * next_attempt_at} and fenced by {@code attempts}: the schema needs no lease columns, a claimed
 * head is simply not due (so its subscription is not claimed again), and a write made after the
 * lease was taken over finds a different attempt number and changes nothing.
 *
 * <p>Only a subscription's head is locked by the claim (PostgreSQL skips heads another claim
 * holds): the rest of a run is reached only through its head, so the head's lock guards the whole
 * run.
 */
final class DeliveryClaims {

  /** Ids bound in one {@code in (…)} list, well below either database's limit on parameters. */
  private static final int IDS_PER_STATEMENT = 500;

  private DeliveryClaims() {}

  /** Runs of up to {@code runLength} for up to {@code subscriptions} subscriptions, leased. */
  static List<DeliveryRun> claim(
      Connection c, Dialect dialect, int subscriptions, int runLength, Instant now, Duration lease)
      throws SQLException {
    Map<Long, UUID> heads = dueHeads(c, dialect, subscriptions, now);
    Map<UUID, List<Long>> runs = new LinkedHashMap<>();
    List<Long> ids = new ArrayList<>();
    for (Map.Entry<Long, UUID> head : heads.entrySet()) {
      List<Long> run = new ArrayList<>();
      run.add(head.getKey());
      run.addAll(dueAfter(c, dialect, head.getValue(), head.getKey(), runLength - 1, now));
      runs.put(head.getValue(), run);
      ids.addAll(run);
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    Instant leasedUntil = now.plus(lease);
    for (List<Long> chunk : chunks(ids)) {
      try (PreparedStatement s =
          c.prepareStatement(
              "update webhook_delivery set attempts = attempts + 1, next_attempt_at = ?"
                  + " where id in ("
                  + placeholders(chunk.size())
                  + ")")) {
        dialect.setInstant(s, 1, leasedUntil);
        for (int i = 0; i < chunk.size(); i++) {
          s.setLong(i + 2, chunk.get(i));
        }
        s.executeUpdate();
      }
    }
    Map<Long, DueDelivery> loaded = load(c, dialect, ids);
    List<DeliveryRun> claimed = new ArrayList<>(runs.size());
    for (Map.Entry<UUID, List<Long>> run : runs.entrySet()) {
      claimed.add(
          new DeliveryRun(
              run.getKey(), run.getValue().stream().map(loaded::get).toList(), leasedUntil));
    }
    return claimed;
  }

  /**
   * The due heads, head id to subscription: the head of each active subscription, then only the
   * heads that are due, so a head that waits for its retry (or is leased) holds back everything
   * after it.
   */
  private static Map<Long, UUID> dueHeads(Connection c, Dialect dialect, int limit, Instant now)
      throws SQLException {
    Map<Long, UUID> heads = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select d.id, d.subscription_id from webhook_delivery d where d.id in (select"
                + " min(p.id) from webhook_delivery p where p.status = 'PENDING' and"
                + " p.subscription_id in (select a.id from webhook_subscription a where a.active ="
                + " ?) group by p.subscription_id)"
                + " and d.status = 'PENDING' and d.next_attempt_at <= ?"
                + " order by d.next_attempt_at, d.id limit ?"
                + dialect.skipLocked())) {
      s.setBoolean(1, true);
      dialect.setInstant(s, 2, now);
      s.setInt(3, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          heads.put(r.getLong("id"), dialect.getId(r, "subscription_id"));
        }
      }
    }
    return heads;
  }

  /** The pending deliveries of a subscription right after its head, up to the first not due. */
  private static List<Long> dueAfter(
      Connection c, Dialect dialect, UUID subscription, long head, int limit, Instant now)
      throws SQLException {
    if (limit <= 0) {
      return List.of();
    }
    List<Long> due = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, case when next_attempt_at <= ? then 1 else 0 end as due"
                + " from webhook_delivery where subscription_id = ? and status = 'PENDING'"
                + " and id > ? order by id limit ?")) {
      dialect.setInstant(s, 1, now);
      dialect.setId(s, 2, subscription);
      s.setLong(3, head);
      s.setInt(4, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next() && r.getInt("due") == 1) {
          due.add(r.getLong("id"));
        }
      }
    }
    return due;
  }

  private static Map<Long, DueDelivery> load(Connection c, Dialect dialect, List<Long> ids)
      throws SQLException {
    Map<Long, DueDelivery> loaded = new LinkedHashMap<>();
    for (List<Long> chunk : chunks(ids)) {
      try (PreparedStatement s =
          c.prepareStatement(
              "select d.*, s.url, s.secret, s.secret_sealed from webhook_delivery d join"
                  + " webhook_subscription s on s.id = d.subscription_id where d.id in ("
                  + placeholders(chunk.size())
                  + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          s.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            DueDelivery delivery = due(dialect, r);
            loaded.put(delivery.id(), delivery);
          }
        }
      }
    }
    return loaded;
  }

  private static DueDelivery due(Dialect dialect, ResultSet r) throws SQLException {
    return new DueDelivery(
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
        r.getInt("attempts"),
        r.getString("trace_parent"));
  }

  /** Marks acknowledged deliveries delivered, each fenced by its attempt; how many were. */
  static int delivered(Connection c, Dialect dialect, List<Acknowledged> acknowledged, Instant now)
      throws SQLException {
    if (acknowledged.isEmpty()) {
      return 0;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "update webhook_delivery set status = 'DELIVERED', last_status = ?,"
                + " last_error = null, delivered_at = ?"
                + " where id = ? and status = 'PENDING' and attempts = ?")) {
      for (Acknowledged ack : acknowledged) {
        s.setInt(1, ack.httpStatus());
        dialect.setInstant(s, 2, now);
        s.setLong(3, ack.id());
        s.setInt(4, ack.attempt());
        s.addBatch();
      }
      return written(s.executeBatch());
    }
  }

  /** Gives back the lease of unattempted deliveries, each fenced by its attempt; how many were. */
  static int release(Connection c, Dialect dialect, List<DueDelivery> unattempted, Instant now)
      throws SQLException {
    if (unattempted.isEmpty()) {
      return 0;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "update webhook_delivery set attempts = attempts - 1, next_attempt_at = ?"
                + " where id = ? and status = 'PENDING' and attempts = ?")) {
      for (DueDelivery delivery : unattempted) {
        dialect.setInstant(s, 1, now);
        s.setLong(2, delivery.id());
        s.setInt(3, delivery.attempt());
        s.addBatch();
      }
      return written(s.executeBatch());
    }
  }

  private static int written(int[] counts) {
    int written = 0;
    for (int count : counts) {
      if (count > 0) {
        written += count;
      }
    }
    return written;
  }

  private static List<List<Long>> chunks(List<Long> ids) {
    List<List<Long>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT)));
    }
    return chunks;
  }

  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
