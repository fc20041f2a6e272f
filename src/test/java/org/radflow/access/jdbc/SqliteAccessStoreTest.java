package org.radflow.access.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The access stores' contract on SQLite, each case in its own file. */
class SqliteAccessStoreTest extends AccessStoreContractTest {

  @TempDir Path dir;

  @Override
  protected Database freshDatabase() {
    return new Database("jdbc:sqlite:" + dir.resolve("radflow.db"), null, null, () -> {});
  }
}
