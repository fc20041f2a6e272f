package org.radflow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.radflow.outbox.OutboxEvent;
import org.radflow.outbox.RelayPartition;
import org.radflow.study.Change;
import org.radflow.study.Study;
import org.radflow.study.StudyId;

/** The relay's side of the outbox: slice leases, pending events, fenced marking, parking. */
final class JdbcOutbox {

  private final JdbcStudyStore store;
  private final Dialect dialect;
  private final OperatorActions audit;
  private volatile boolean seeded;

  JdbcOutbox(JdbcStudyStore store, Dialect dialect, OperatorActions audit) {
    this.store = store;
    this.dialect = dialect;
    this.audit = audit;
  }

  List<RelayLease> leasePartitions(String owner, Instant now, Duration lease) {
    seed();
    return store.inWriteTransaction(
        "lease relay partitions",
        c -> {
          record Slice(int partition, String owner, Instant until, long fence) {}
          List<Slice> slices = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select * from relay_lease order by partition_no" + dialect.rowLock())) {
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                slices.add(
                    new Slice(
                        r.getInt("partition_no"),
                        r.getString("owner"),
                        dialect.getInstant(r, "lease_until"),
                        r.getLong("fence")));
              }
            }
          }
          int alive = heartbeat(c, owner, now, lease);
          int share = (RelayPartition.COUNT + alive - 1) / alive;
          List<RelayLease> mine = new ArrayList<>();
          List<Integer> renew = new ArrayList<>();
          List<Integer> giveBack = new ArrayList<>();
          for (Slice slice : slices) {
            if (owner.equals(slice.owner())
                && slice.until() != null
                && !slice.until().isBefore(now)) {
              if (mine.size() < share) {
                mine.add(new RelayLease(slice.partition(), slice.fence()));
                renew.add(slice.partition());
              } else {
                giveBack.add(slice.partition());
              }
            }
          }
          List<Integer> take = new ArrayList<>();
          for (Slice slice : slices) {
            boolean free =
                slice.owner() == null || slice.until() == null || slice.until().isBefore(now);
            if (free && mine.size() + take.size() < share) {
              take.add(slice.partition());
            }
          }
          update(
              c,
              "update relay_lease set lease_until = ? where partition_no = ?",
              renew,
              now.plus(lease),
              null);
          update(
              c,
              "update relay_lease set owner = null, lease_until = null where partition_no = ?",
              giveBack,
              null,
              null);
          update(
              c,
              "update relay_lease set owner = ?, lease_until = ?, fence = fence + 1"
                  + " where partition_no = ?",
              take,
              now.plus(lease),
              owner);
          for (Slice slice : slices) {
            if (take.contains(slice.partition())) {
              mine.add(new RelayLease(slice.partition(), slice.fence() + 1));
            }
          }
          mine.sort(java.util.Comparator.comparingInt(RelayLease::partition));
          return mine;
        });
  }

  /** Records this relay as alive until its lease would end; returns how many relays are alive. */
  private int heartbeat(Connection c, String owner, Instant now, Duration lease)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into relay_member (owner, alive_until) values (?, ?)"
                + " on conflict (owner) do update set alive_until = excluded.alive_until")) {
      s.setString(1, owner);
      dialect.setInstant(s, 2, now.plus(lease));
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement("select count(*) from relay_member where alive_until > ?")) {
      dialect.setInstant(s, 1, now);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return Math.max(1, r.getInt(1));
      }
    }
  }

  private void update(
      Connection c, String sql, List<Integer> partitions, Instant until, String owner)
      throws SQLException {
    if (partitions.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int partition : partitions) {
        int i = 1;
        if (owner != null) {
          s.setString(i++, owner);
        }
        if (until != null) {
          dialect.setInstant(s, i++, until);
        }
        s.setInt(i, partition);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  void releasePartitions(String owner) {
    store.inWriteTransaction(
        "release relay partitions",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("delete from relay_member where owner = ?")) {
            s.setString(1, owner);
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update relay_lease set owner = null, lease_until = null where owner = ?")) {
            s.setString(1, owner);
            return s.executeUpdate();
          }
        });
  }

  List<OutboxEvent> pending(List<Integer> partitions, int limit) {
    if (partitions.isEmpty()) {
      return List.of();
    }
    String in = String.join(", ", Collections.nCopies(partitions.size(), "?"));
    return store.read(
        "read pending events",
        c -> {
          List<OutboxEvent> events = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select * from outbox o where o.published_at is null and o.parked_at is null"
                      + " and o.relay_partition in ("
                      + in
                      + ")"
                      // a parked event holds back the rest of its study: no gap, no reordering
                      + " and not exists (select 1 from outbox p where p.study_id = o.study_id"
                      + " and p.parked_at is not null and p.published_at is null)"
                      + " order by o.id limit ?")) {
            int i = 1;
            for (int partition : partitions) {
              s.setInt(i++, partition);
            }
            s.setInt(i, limit);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                events.add(OutboxRows.event(r, dialect));
              }
            }
          }
          return events;
        });
  }

  boolean markPublished(
      String owner, List<RelayLease> leases, List<OutboxEvent> events, Instant now) {
    if (events.isEmpty()) {
      return true;
    }
    Map<Integer, Long> fences = new HashMap<>();
    leases.forEach(l -> fences.put(l.partition(), l.fence()));
    return store.inWriteTransaction(
        "mark events published",
        c -> {
          Set<Integer> used = new LinkedHashSet<>();
          events.forEach(e -> used.add(RelayPartition.of(e.studyId())));
          try (PreparedStatement s =
              c.prepareStatement(
                  "select partition_no, fence from relay_lease where owner = ?"
                      + dialect.rowLock())) {
            s.setString(1, owner);
            Map<Integer, Long> held = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                held.put(r.getInt(1), r.getLong(2));
              }
            }
            for (int partition : used) {
              Long fence = fences.get(partition);
              if (fence == null || !fence.equals(held.get(partition))) {
                return false; // the slice was taken over: its new holder publishes
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update outbox set published_at = ? where id = ? and published_at is null")) {
            for (OutboxEvent event : events) {
              dialect.setInstant(s, 1, now);
              s.setLong(2, event.id());
              s.addBatch();
            }
            s.executeBatch();
          }
          enqueueDeliveries(c, events, false, now);
          return true;
        });
  }

  void enqueueReplays(List<OutboxEvent> events, Instant now) {
    store.inWriteTransaction(
        "enqueue replayed webhook deliveries",
        c -> {
          enqueueDeliveries(c, events, true, now);
          return null;
        });
  }

  private void enqueueDeliveries(
      Connection c, List<OutboxEvent> events, boolean replay, Instant now) throws SQLException {
    if (!anyActiveSubscription(c)) {
      return; // the common case without webhooks: no statement per event
    }
    for (OutboxEvent event : events) {
      store.insertWebhookDeliveries(c, event, replay, now);
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

  void recordFailure(OutboxEvent event, String error, boolean park, Instant now) {
    store.inWriteTransaction(
        "record a failed publication",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update outbox set attempts = attempts + 1, last_error = ?"
                      + (park ? ", parked_at = ?" : "")
                      + " where id = ?")) {
            s.setString(1, error == null ? "unknown error" : error);
            int i = 2;
            if (park) {
              dialect.setInstant(s, i++, now);
            }
            s.setLong(i, event.id());
            return s.executeUpdate();
          }
        });
  }

  int attempts(OutboxEvent event) {
    return store.read(
        "read attempts",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select attempts from outbox where id = ?")) {
            s.setLong(1, event.id());
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? r.getInt(1) : 0;
            }
          }
        });
  }

  List<ParkedEvent> parked(int limit) {
    return store.read(
        "read parked events",
        c -> {
          List<ParkedEvent> parked = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select * from outbox where parked_at is not null and published_at is null"
                      + " order by id limit ?")) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                parked.add(
                    new ParkedEvent(
                        OutboxRows.event(r, dialect),
                        r.getInt("attempts"),
                        r.getString("last_error"),
                        dialect.getInstant(r, "parked_at")));
              }
            }
          }
          return parked;
        });
  }

  boolean unpark(long id, String actor, String reason, Instant now) {
    return store.inWriteTransaction(
        "unpark event " + id,
        c -> {
          StudyId study = null;
          try (PreparedStatement s =
              c.prepareStatement(
                  "select study_id from outbox where id = ? and parked_at is not null"
                      + " and published_at is null")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
              if (r.next()) {
                study = new StudyId(dialect.getId(r, "study_id"));
              }
            }
          }
          if (study == null) {
            audit.record(
                c,
                now,
                actor,
                "UNPARK",
                "event " + id,
                null,
                reason,
                "refused: the event is not parked");
            return false;
          }
          try (PreparedStatement s =
              c.prepareStatement("update outbox set parked_at = null, attempts = 0 where id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
          }
          audit.record(c, now, actor, "UNPARK", "event " + id, study, reason, "back in line");
          return true;
        });
  }

  OutboxStatus status(Instant now) {
    return store.read(
        "read outbox status",
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement(
                      "select count(*) as backlog, min(created_at) as oldest,"
                          + " sum(case when parked_at is not null then 1 else 0 end) as parked"
                          + " from outbox where published_at is null");
              ResultSet r = s.executeQuery()) {
            r.next();
            return new OutboxStatus(
                r.getLong("backlog"), dialect.getInstant(r, "oldest"), r.getLong("parked"));
          }
        });
  }

  int deletePublished(Instant before, int batch) {
    return store.inWriteTransaction(
        "delete published events",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from outbox where id in (select id from outbox where published_at < ?"
                      + " order by published_at limit ?)")) {
            dialect.setInstant(s, 1, before);
            s.setInt(2, batch);
            return s.executeUpdate();
          }
        });
  }

  List<OutboxEvent> historyEvents(StudyId study) {
    List<OutboxEvent> events = new ArrayList<>();
    Study current = null;
    for (HistoryEntry entry : store.history(study)) {
      Change change = entry.change();
      current = current == null ? Study.replay(List.of(change)) : current.evolve(change);
      events.add(
          new OutboxEvent(
              0,
              JdbcStudyStore.eventId(study, entry.seq()),
              study,
              entry.seq(),
              change.eventType(),
              StudyJson.eventPayload(current, entry.seq(), change),
              change.at(),
              null));
    }
    return events;
  }

  List<OutboxEvent> historyEvents(Instant from, Instant to, int limit) {
    List<StudyId> studies =
        store.read(
            "find studies with history in a time range",
            c -> {
              List<StudyId> ids = new ArrayList<>();
              try (PreparedStatement s =
                  c.prepareStatement(
                      "select study_id, min(record_time) from study_history"
                          + " where record_time >= ? and record_time < ?"
                          + " group by study_id order by min(record_time)")) {
                dialect.setInstant(s, 1, from);
                dialect.setInstant(s, 2, to);
                try (ResultSet r = s.executeQuery()) {
                  while (r.next()) {
                    ids.add(new StudyId(dialect.getId(r, "study_id")));
                  }
                }
              }
              return ids;
            });
    List<OutboxEvent> events = new ArrayList<>();
    for (StudyId study : studies) {
      for (OutboxEvent event : historyEvents(study)) {
        boolean inRange = !event.createdAt().isBefore(from) && event.createdAt().isBefore(to);
        if (inRange && events.size() < limit) {
          events.add(event);
        }
      }
      if (events.size() >= limit) {
        break;
      }
    }
    return events;
  }

  private void seed() {
    if (seeded) {
      return;
    }
    store.inWriteTransaction(
        "seed relay partitions",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into relay_lease (partition_no, fence) values (?, 0)"
                      + " on conflict (partition_no) do nothing")) {
            for (int p = 0; p < RelayPartition.COUNT; p++) {
              s.setInt(1, p);
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
    seeded = true;
  }
}
