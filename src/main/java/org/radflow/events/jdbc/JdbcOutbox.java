package org.radflow.events.jdbc;

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
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.events.OutboxEvent;
import org.radflow.events.OutboxStore;
import org.radflow.events.RelayLease;
import org.radflow.lifecycle.RelayPartition;

/**
 * The relay's side of the outbox over JDBC: slice leases under fences, pending events in commit
 * order per study, fenced marking (with the fan-out to webhooks in the same transaction), failures
 * and parking.
 */
public final class JdbcOutbox implements OutboxStore {

  private final Database database;
  private final Dialect dialect;
  private final PublicationFanOut fanOut;
  private volatile boolean seeded;

  /**
   * @param fanOut what else publishing an event owes, written when it is marked published
   */
  public JdbcOutbox(Database database, PublicationFanOut fanOut) {
    this.database = database;
    this.dialect = database.dialect();
    this.fanOut = fanOut;
  }

  @Override
  public void onCommit(Runnable listener) {
    database.onCommit(listener);
  }

  @Override
  public List<RelayLease> leasePartitions(String owner, Instant now, Duration lease) {
    seed();
    return database.write(
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

  @Override
  public void releasePartitions(String owner) {
    database.write(
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

  @Override
  public List<OutboxEvent> pending(List<Integer> partitions, int limit) {
    if (partitions.isEmpty()) {
      return List.of();
    }
    String in = String.join(", ", Collections.nCopies(partitions.size(), "?"));
    return database.read(
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

  @Override
  public boolean markPublished(
      String owner, List<RelayLease> leases, List<OutboxEvent> events, Instant now) {
    if (events.isEmpty()) {
      return true;
    }
    Map<Integer, Long> fences = new HashMap<>();
    leases.forEach(l -> fences.put(l.partition(), l.fence()));
    return database.write(
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
          fanOut.published(c, events, false, now);
          return true;
        });
  }

  @Override
  public void recordFailure(OutboxEvent event, String error, boolean park, Instant now) {
    database.write(
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

  @Override
  public int attempts(OutboxEvent event) {
    return database.read(
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

  private void seed() {
    if (seeded) {
      return;
    }
    database.write(
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
