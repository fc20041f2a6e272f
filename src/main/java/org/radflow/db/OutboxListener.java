package org.radflow.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL for the notification every change sends at commit ({@code pg_notify
 * ('radflow_outbox')}), so a relay on any node wakes when any node commits. Holds one connection of
 * the pool; reconnects after a failure. The relay polls as well, so a lost notification only delays
 * an event.
 */
final class OutboxListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxListener.class);
  static final String CHANNEL = "radflow_outbox";

  private final DataSource dataSource;
  private final Runnable onNotification;
  private final Thread thread;
  private volatile boolean running = true;

  OutboxListener(DataSource dataSource, Runnable onNotification) {
    this.dataSource = dataSource;
    this.onNotification = onNotification;
    this.thread = new Thread(this::listen, "radflow-outbox-listener");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void listen() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
          s.execute("listen " + CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          var notifications = pg.getNotifications(500);
          if (notifications != null && notifications.length > 0) {
            onNotification.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.debug("outbox listener reconnecting: {}", e.toString());
          try {
            Thread.sleep(1000);
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
