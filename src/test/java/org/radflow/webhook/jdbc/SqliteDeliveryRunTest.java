package org.radflow.webhook.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs of webhook deliveries on SQLite, each case in its own file under a temporary directory. */
class SqliteDeliveryRunTest extends DeliveryRunContractTest {

  @TempDir Path dir;

  @Override
  protected Database freshDatabase() {
    return new Database("jdbc:sqlite:" + dir.resolve("radflow.db"), null, null, () -> {});
  }
}
