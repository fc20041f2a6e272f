package org.radflow.orchestration.jdbc;

import org.radflow.db.TestPostgres;

/**
 * The patient update log contract on PostgreSQL, each case in its own schema; skipped with the
 * reason when no server answers (failed instead on CI), see {@link TestPostgres}.
 */
class PostgresPatientUpdateLogTest extends PatientUpdateLogContractTest {

  @Override
  protected Database freshDatabase() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    return new Database(schema.url(), schema.user(), schema.password(), schema::close);
  }
}
