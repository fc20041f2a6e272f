package org.radflow.metrics.jdbc;

import org.radflow.db.TestPostgres;

/**
 * The work figures on PostgreSQL, each case in its own schema; skipped with the reason when no
 * server answers (failed instead on CI), see {@link TestPostgres}.
 */
class PostgresWorkFigureReadsTest extends WorkFigureReadsContractTest {

  @Override
  protected Database freshDatabase() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    return new Database(schema.url(), schema.user(), schema.password(), schema::close);
  }
}
