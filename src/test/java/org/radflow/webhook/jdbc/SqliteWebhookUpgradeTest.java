package org.radflow.webhook.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.db.StoreOnFreshDatabase.Database;

/** Upgrading a SQLite database with webhooks to V10, in a temporary directory. */
class SqliteWebhookUpgradeTest extends WebhookUpgradeContractTest {

  @TempDir Path dir;

  @Override
  protected Database freshDatabase() {
    return new Database("jdbc:sqlite:" + dir.resolve("radflow.db"), null, null, () -> {});
  }

  @Override
  protected String instantLiteral() {
    return "1767225600000000"; // microseconds since the epoch, as SqliteDialect writes them
  }
}
