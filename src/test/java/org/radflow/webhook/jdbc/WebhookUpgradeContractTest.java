package org.radflow.webhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.StoreOnFreshDatabase.Database;
import org.radflow.webhook.WebhookDelivery;
import org.radflow.webhook.WebhookStore;

/**
 * Upgrading a database that has webhooks to V10: its schema is migrated to V8, rows are written the
 * way the previous version wrote them, and then the store opens it (migrating the rest). Each
 * database by a short subclass.
 */
abstract class WebhookUpgradeContractTest {

  static final String SECRET = "an-old-plain-secret-WXYZ";
  static final UUID ACTIVE = UUID.randomUUID();
  static final UUID INACTIVE = UUID.randomUUID();

  protected abstract Database freshDatabase();

  /** A {@code created_at} value in this database's column type, as SQL. */
  protected abstract String instantLiteral();

  private Database database;
  private Stores stores;

  @AfterEach
  void close() {
    try (Stores closed = stores) {
      // closed whatever happened in the test
    } finally {
      if (database != null) {
        database.drop().run();
      }
    }
  }

  @Test
  void plainSecretsAreMarkedPlainWithTheirHintAndInactiveSubscriptionsPendingDeliveriesCancelled()
      throws SQLException {
    database = freshDatabase();
    boolean sqlite = database.url().startsWith("jdbc:sqlite:");
    Flyway.configure()
        .dataSource(database.url(), database.user(), database.password())
        .locations("classpath:db/migration/" + (sqlite ? "sqlite" : "postgresql"))
        .target("8")
        .load()
        .migrate();
    try (Connection c =
            DriverManager.getConnection(database.url(), database.user(), database.password());
        Statement s = c.createStatement()) {
      for (UUID id : new UUID[] {ACTIVE, INACTIVE}) {
        s.executeUpdate(
            "insert into webhook_subscription (id, url, secret, event_types, active, created_at,"
                + " created_by) values ('"
                + id
                + "', 'https://old.example/', '"
                + SECRET
                + "', '*', "
                + (id == ACTIVE)
                + ", "
                + instantLiteral()
                + ", 'ops')");
        s.executeUpdate(
            "insert into webhook_delivery (subscription_id, event_id, study_id, study_seq,"
                + " event_type, payload, replay, status, attempts, next_attempt_at, created_at)"
                + " values ('"
                + id
                + "', '"
                + UUID.randomUUID()
                + "', '"
                + UUID.randomUUID()
                + "', 1, 'study.created', '{}', false, 'PENDING', 0, "
                + instantLiteral()
                + ", "
                + instantLiteral()
                + ")");
      }
    }

    stores =
        Stores.open(
            database.url(),
            database.user(),
            database.password(),
            4,
            new StoreSettings(1024, Duration.ofHours(4)));

    WebhookStore webhooks = stores.webhooks();
    assertThat(webhooks.subscription(ACTIVE).orElseThrow().secretHint()).isEqualTo("…WXYZ");
    assertThat(webhooks.plainSecrets())
        .containsExactlyInAnyOrder(
            new WebhookStore.PlainSecret(ACTIVE, SECRET),
            new WebhookStore.PlainSecret(INACTIVE, SECRET));
    assertThat(webhooks.delivery(1).orElseThrow().status())
        .isEqualTo(WebhookDelivery.Status.PENDING);
    WebhookDelivery cancelled = webhooks.delivery(2).orElseThrow();
    assertThat(cancelled.subscriptionId()).isEqualTo(INACTIVE);
    assertThat(cancelled.status()).isEqualTo(WebhookDelivery.Status.CANCELLED);
    assertThat(cancelled.lastError()).contains("subscription inactive");
  }
}
