package org.radflow.orchestration.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.workflow.StepKind;

/** The step store contract on SQLite, each case in its own file under a temporary directory. */
class SqliteStepStoreTest extends StepStoreContractTest {

  @TempDir Path dir;

  @Override
  protected Database freshDatabase() {
    return new Database("jdbc:sqlite:" + dir.resolve("radflow.db"), null, null, () -> {});
  }

  @Override
  protected void failStepInserts(Statement sql, StepKind kind) throws SQLException {
    sql.execute(
        "create trigger fail_step_insert before insert on step when new.kind = '"
            + kind.name()
            + "' begin select raise(abort, 'injected'); end");
  }
}
