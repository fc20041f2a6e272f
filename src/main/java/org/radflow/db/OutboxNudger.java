package org.radflow.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other nodes' relays that this node committed ({@code NOTIFY radflow_outbox}), after the
 * commit and at most once per interval, from a thread of its own.
 *
 * <p>Not inside the committing transaction: PostgreSQL serialises the commits of every transaction
 * that notified on a global lock held through its WAL flush, so a notification in each command's
 * transaction made commits queue one flush at a time (sampled as {@code Lock:object} waits on
 * {@code COMMIT}). A notification is only a wake-up — relays poll as well — so sending it after the
 * commit, coalesced, loses nothing; a node killed between its commit and the nudge delays the other
 * nodes' relays by at most their poll interval.
 */
final class OutboxNudger implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxNudger.class);

  private final DataSource dataSource;
  private final long intervalNanos;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean running = true;

  OutboxNudger(DataSource dataSource, long intervalMillis) {
    this.dataSource = dataSource;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    this.thread = new Thread(this::run, "radflow-outbox-nudger");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Asks for a notification soon; many requests within one interval send one. */
  void request() {
    if (requested.compareAndSet(false, true)) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    while (running) {
      if (!requested.getAndSet(false)) {
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(500));
        continue;
      }
      notifyOthers();
      LockSupport.parkNanos(this, intervalNanos); // what arrives meanwhile shares the next one
    }
  }

  private void notifyOthers() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("select pg_notify('" + OutboxListener.CHANNEL + "', '')");
    } catch (SQLException | RuntimeException e) {
      log.debug("could not notify other nodes' relays (they poll): {}", e.toString());
    }
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
