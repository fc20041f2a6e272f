package org.radflow.orchestration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.radflow.audit.jdbc.JdbcAuditTrail;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.orchestration.HealthChange;
import org.radflow.orchestration.ServiceStatus;
import org.radflow.orchestration.ServiceStore;
import org.radflow.orchestration.SuspendedWork;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/**
 * The service_status rows: each external service's agreed health, and the release of its suspended
 * steps at a bounded rate. The row is the rate's one clock, so several nodes releasing together
 * still release no faster than the rate.
 */
public final class JdbcServiceStore implements ServiceStore {

  /** How often a release makes a batch due; the batch is the rate times this. */
  static final Duration RELEASE_TICK = Duration.ofMillis(100);

  private static final String UNAVAILABLE = "('DOWN', 'RECOVERED')";

  private final Database database;
  private final Dialect dialect;
  private final JdbcAuditTrail audit;
  private final ServiceHealthLog healthLog;
  private volatile boolean seeded;

  public JdbcServiceStore(Database database, JdbcAuditTrail audit) {
    this.database = database;
    this.dialect = database.dialect();
    this.audit = audit;
    this.healthLog = new ServiceHealthLog(dialect);
  }

  /** Steps of these services are not claimed and their pending ones are suspended. */
  static String unavailableStates() {
    return UNAVAILABLE;
  }

  @Override
  public List<ServiceStatus> services() {
    seed();
    return database.read(
        "read service status",
        c -> {
          List<ServiceStatus> all = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement("select * from service_status order by service");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              all.add(status(r));
            }
          }
          return all;
        });
  }

  @Override
  public boolean markDown(Service service, String reason, Instant now) {
    seed();
    return database.write(
        "mark " + service.slug() + " down",
        c -> {
          boolean changed;
          try (PreparedStatement s =
              c.prepareStatement(
                  "update service_status set state = 'DOWN', reason = ?, changed_at = ?,"
                      + " release_next_at = null where service = ? and state <> 'DOWN'")) {
            s.setString(1, reason);
            dialect.setInstant(s, 2, now);
            s.setString(3, service.name());
            changed = s.executeUpdate() == 1;
          }
          if (changed) {
            healthLog.record(c, service, ServiceStatus.State.DOWN, reason, null, now);
          }
          suspendPending(c, now);
          return changed;
        });
  }

  @Override
  public int suspendPendingOfUnavailable(Instant now) {
    seed();
    return database.write("suspend steps of unavailable services", c -> suspendPending(c, now));
  }

  private int suspendPending(Connection c, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update step set status = 'SUSPENDED', suspended_at = ?, updated_at = ?,"
                + " last_outcome = 'UNAVAILABLE', last_error = 'its service is unavailable'"
                + " where status = 'PENDING' and service in (select service from service_status"
                + " where state in "
                + UNAVAILABLE
                + ")")) {
      dialect.setInstant(s, 1, now);
      dialect.setInstant(s, 2, now);
      return s.executeUpdate();
    }
  }

  @Override
  public boolean markRecovered(Service service, Instant now) {
    seed();
    String reason = "recovery verified by consecutive healthy probes";
    return database.write(
        "mark " + service.slug() + " recovered",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update service_status set state = 'RECOVERED', changed_at = ?, reason = ?"
                      + " where service = ? and state = 'DOWN'")) {
            dialect.setInstant(s, 1, now);
            s.setString(2, reason);
            s.setString(3, service.name());
            if (s.executeUpdate() != 1) {
              return false;
            }
          }
          healthLog.record(c, service, ServiceStatus.State.RECOVERED, reason, null, now);
          return true;
        });
  }

  @Override
  public ServiceStatus startRelease(
      Service service, String actor, String reason, boolean force, Instant now) {
    seed();
    return database.write(
        "release " + service.slug(),
        c -> {
          ServiceStatus current = load(c, service, true);
          boolean allowed =
              current.state() == ServiceStatus.State.RECOVERED
                  || (force && current.state() == ServiceStatus.State.DOWN);
          if (!allowed) {
            audit.record(
                c,
                now,
                actor,
                "RELEASE",
                "service " + service.slug(),
                null,
                reason,
                "refused: the service is "
                    + current.state()
                    + (current.state() == ServiceStatus.State.DOWN
                        ? "; recovery is not verified yet (force to override)"
                        : ""));
            return current;
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "update service_status set state = 'RELEASING', changed_at = ?, reason = ?,"
                      + " release_next_at = ?, release_total = (select count(*) from step"
                      + " where service = ? and status = 'SUSPENDED') where service = ?")) {
            dialect.setInstant(s, 1, now);
            s.setString(2, "released by " + actor + ": " + reason);
            dialect.setInstant(s, 3, now);
            s.setString(4, service.name());
            s.setString(5, service.name());
            s.executeUpdate();
          }
          healthLog.record(c, service, ServiceStatus.State.RELEASING, reason, actor, now);
          audit.record(
              c,
              now,
              actor,
              "RELEASE",
              "service " + service.slug(),
              null,
              reason,
              "releasing at " + current.releasePerSecond() + " steps/s");
          return load(c, service, false);
        });
  }

  @Override
  public Map<Service, SuspendedWork> suspendedWork() {
    seed();
    return database.read(
        "read suspended work",
        c -> {
          Map<Service, SuspendedWork> work = new java.util.EnumMap<>(Service.class);
          try (PreparedStatement s =
                  c.prepareStatement(
                      "select ss.service, ss.release_total, count(st.id) as suspended,"
                          + " min(st.created_at) as oldest,"
                          + " sum(case when st.urgent then 1 else 0 end) as urgent"
                          + " from service_status ss left join step st on st.service = ss.service"
                          + " and st.status = 'SUSPENDED'"
                          + " group by ss.service, ss.release_total");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              int total = r.getInt("release_total");
              Integer releaseTotal = r.wasNull() ? null : total;
              long suspended = r.getLong("suspended");
              if (suspended > 0 || releaseTotal != null) {
                work.put(
                    Service.valueOf(r.getString("service")),
                    new SuspendedWork(
                        suspended,
                        dialect.getInstant(r, "oldest"),
                        r.getLong("urgent"),
                        releaseTotal));
              }
            }
          }
          return work;
        });
  }

  @Override
  public int releaseDue(Service service, Instant now) {
    seed();
    return database.write(
        "release suspended steps of " + service.slug(),
        c -> {
          ServiceStatus current = load(c, service, true);
          if (current.state() != ServiceStatus.State.RELEASING) {
            return 0;
          }
          Instant next = nextReleaseAt(c, service);
          if (next != null && now.isBefore(next)) {
            return 0;
          }
          int batch =
              (int)
                  Math.max(
                      1, Math.round(current.releasePerSecond() * RELEASE_TICK.toMillis() / 1000.0));
          int released;
          try (PreparedStatement s =
              c.prepareStatement(
                  "with due as (select id from step where service = ? and status = 'SUSPENDED'"
                      // urgent studies (STAT, ASAP) first, then the oldest work
                      + " order by urgent desc, created_at, id limit ?"
                      + dialect.skipLocked()
                      + ") update step set status = 'PENDING', due_at = ?, suspended_at = null,"
                      + " updated_at = ? where id in (select id from due)")) {
            s.setString(1, service.name());
            s.setInt(2, batch);
            dialect.setInstant(s, 3, now);
            dialect.setInstant(s, 4, now);
            released = s.executeUpdate();
          }
          long nanos = (long) (batch / current.releasePerSecond() * 1_000_000_000L);
          boolean drained = released < batch;
          try (PreparedStatement s =
              c.prepareStatement(
                  "update service_status set release_next_at = ?"
                      + (drained ? ", state = 'UP', changed_at = ?, reason = 'released'" : "")
                      + " where service = ?")) {
            dialect.setInstant(s, 1, now.plusNanos(nanos));
            int i = 2;
            if (drained) {
              dialect.setInstant(s, i++, now);
            }
            s.setString(i, service.name());
            s.executeUpdate();
          }
          if (drained) {
            healthLog.record(c, service, ServiceStatus.State.UP, "released", null, now);
          }
          return released;
        });
  }

  @Override
  public ServiceStatus configureRelease(
      Service service,
      ServiceStatus.ReleaseMode mode,
      double perSecond,
      String actor,
      Instant now) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("release rate must be positive, was " + perSecond);
    }
    seed();
    return database.write(
        "configure release of " + service.slug(),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update service_status set release_mode = ?, release_per_second = ?"
                      + " where service = ?")) {
            s.setString(1, mode.name());
            s.setDouble(2, perSecond);
            s.setString(3, service.name());
            s.executeUpdate();
          }
          audit.record(
              c,
              now,
              actor,
              "CONFIGURE_RELEASE",
              "service " + service.slug(),
              null,
              "release " + mode + " at " + perSecond + " steps/s",
              "done");
          return load(c, service, false);
        });
  }

  @Override
  public Map<Service, Map<StepStatus, Long>> stepCounts() {
    return database.read("count steps", StepCounts::all);
  }

  @Override
  public Map<Service, Map<StepStatus, Long>> unfinishedStepCounts() {
    return database.read("count unfinished steps", StepCounts::unfinished);
  }

  @Override
  public List<HealthChange> healthHistory(Service service, int limit) {
    if (limit < 1 || limit > MAX_HEALTH_HISTORY) {
      throw new IllegalArgumentException(
          "limit must be 1 to " + MAX_HEALTH_HISTORY + ", was " + limit);
    }
    return database.read(
        "read health history of " + service.slug(), c -> healthLog.history(c, service, limit));
  }

  private void seed() {
    if (seeded) {
      return;
    }
    database.write(
        "seed service status",
        c -> {
          for (Service service : Service.values()) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "insert into service_status (service, state, changed_at, release_mode,"
                        + " release_per_second) values (?, 'UP', ?, 'AUTOMATIC', 20)"
                        + " on conflict (service) do nothing")) {
              s.setString(1, service.name());
              dialect.setInstant(s, 2, Instant.EPOCH);
              s.executeUpdate();
            }
          }
          return null;
        });
    seeded = true;
  }

  private ServiceStatus load(Connection c, Service service, boolean forUpdate) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select * from service_status where service = ?"
                + (forUpdate ? dialect.rowLock() : ""))) {
      s.setString(1, service.name());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return status(r);
      }
    }
  }

  private Instant nextReleaseAt(Connection c, Service service) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select release_next_at from service_status where service = ?")) {
      s.setString(1, service.name());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return dialect.getInstant(r, "release_next_at");
      }
    }
  }

  private ServiceStatus status(ResultSet r) throws SQLException {
    return new ServiceStatus(
        Service.valueOf(r.getString("service")),
        ServiceStatus.State.valueOf(r.getString("state")),
        r.getString("reason"),
        dialect.getInstant(r, "changed_at"),
        ServiceStatus.ReleaseMode.valueOf(r.getString("release_mode")),
        r.getDouble("release_per_second"));
  }
}
