package org.radflow.metrics.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The work figures on SQLite, each case in its own file under a temporary directory. */
class SqliteWorkFigureReadsTest extends WorkFigureReadsContractTest {

  @TempDir Path dir;

  @Override
  protected Database freshDatabase() {
    return new Database("jdbc:sqlite:" + dir.resolve("radflow.db"), null, null, () -> {});
  }
}
