package org.radflow.lifecycle.jdbc;

import org.radflow.db.TestPostgres;

/** Upgrading a PostgreSQL schema to V14; see {@link TestPostgres} for when it is skipped. */
class PostgresCompensationUpgradeTest extends CompensationUpgradeContractTest {

  @Override
  protected Database freshDatabase() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    return new Database(schema.url(), schema.user(), schema.password(), schema::close);
  }

  @Override
  protected String detailWithoutMark() {
    return "update study set detail = (detail::jsonb - 'compensationRequested')::text";
  }
}
