package org.radflow.bench;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.config.StoreSettings;

/** The sitting on SQLite: the reference's one writer with BEGIN IMMEDIATE. */
class SqliteCompareBenchSittingTest extends CompareBenchSittingTest {

  @TempDir Path dir;

  @Override
  BenchStores.Opened open() throws Exception {
    return BenchStores.keptSqlite(dir.resolve("compare.db"), 2, StoreSettings.defaults());
  }

  @Override
  String store() {
    return "sqlite";
  }
}
