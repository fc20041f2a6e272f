package org.radflow.webhook;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Webhook delivery over a SQLite store in a temporary directory. */
class SqliteWebhookDispatcherTest extends WebhookDispatcherContractTest {

  @TempDir Path dir;

  @Override
  protected Database freshDatabase() {
    return new Database("jdbc:sqlite:" + dir.resolve("radflow.db"), null, null, () -> {});
  }
}
