package org.radflow.orchestration.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import org.radflow.db.TestPostgres;
import org.radflow.workflow.StepKind;

/**
 * The step store contract on PostgreSQL, each case in its own schema; skipped with the reason when
 * no server answers (failed instead on CI), see {@link TestPostgres}.
 */
class PostgresStepStoreTest extends StepStoreContractTest {

  @Override
  protected Database freshDatabase() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    return new Database(schema.url(), schema.user(), schema.password(), schema::close);
  }

  @Override
  protected void failStepInserts(Statement sql, StepKind kind) throws SQLException {
    sql.execute(
        "create function fail_step_insert() returns trigger language plpgsql as $$"
            + " begin"
            + "   if new.kind = tg_argv[0] then raise exception 'injected'; end if;"
            + "   return new;"
            + " end $$");
    sql.execute(
        "create trigger fail_step_insert before insert on step for each row"
            + " execute function fail_step_insert('"
            + kind.name()
            + "')");
  }
}
