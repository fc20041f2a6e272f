package org.radflow.lifecycle.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Upgrading a SQLite database to V14, in a temporary directory. */
class SqliteCompensationUpgradeTest extends CompensationUpgradeContractTest {

  @TempDir Path dir;

  @Override
  protected Database freshDatabase() {
    return new Database("jdbc:sqlite:" + dir.resolve("radflow.db"), null, null, () -> {});
  }

  @Override
  protected String detailWithoutMark() {
    return "update study set detail = json_remove(detail, '$.compensationRequested')";
  }
}
