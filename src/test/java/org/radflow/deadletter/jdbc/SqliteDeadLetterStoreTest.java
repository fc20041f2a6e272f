package org.radflow.deadletter.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter store contract on SQLite, each case in its own file under a temporary directory.
 */
class SqliteDeadLetterStoreTest extends DeadLetterStoreContractTest {

  @TempDir Path dir;

  @Override
  protected Database freshDatabase() {
    return new Database("jdbc:sqlite:" + dir.resolve("radflow.db"), null, null, () -> {});
  }
}
