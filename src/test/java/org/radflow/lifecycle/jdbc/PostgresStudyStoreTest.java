package org.radflow.lifecycle.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import org.radflow.db.TestPostgres;

/**
 * The store contract on PostgreSQL, each case in its own schema; skipped with the reason when no
 * server answers (failed instead on CI), see {@link TestPostgres}.
 */
class PostgresStudyStoreTest extends StudyStoreContractTest {

  @Override
  protected Database freshDatabase() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    return new Database(schema.url(), schema.user(), schema.password(), schema::close);
  }

  @Override
  protected void failOutboxInserts(Statement sql, String eventType) throws SQLException {
    sql.execute(
        "create function fail_outbox_insert() returns trigger language plpgsql as $$"
            + " begin"
            + "   if new.event_type = tg_argv[0] then raise exception 'injected'; end if;"
            + "   return new;"
            + " end $$");
    sql.execute(
        "create trigger fail_outbox_insert before insert on outbox for each row"
            + " execute function fail_outbox_insert('"
            + eventType.replace("'", "''")
            + "')");
  }

  @Override
  protected String unreachableUrl() {
    return "jdbc:postgresql://127.0.0.1:1/radflow_test?connectTimeout=2";
  }
}
