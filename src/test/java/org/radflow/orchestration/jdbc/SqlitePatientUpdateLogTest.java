package org.radflow.orchestration.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The patient update log contract on SQLite, each case in its own file. */
class SqlitePatientUpdateLogTest extends PatientUpdateLogContractTest {

  @TempDir Path dir;

  @Override
  protected Database freshDatabase() {
    return new Database("jdbc:sqlite:" + dir.resolve("radflow.db"), null, null, () -> {});
  }
}
