package org.radflow.webhook.jdbc;

import org.radflow.db.TestPostgres;

/**
 * Runs of webhook deliveries on PostgreSQL, each case in its own schema; skipped with the reason
 * when no server answers (failed instead on CI), see {@link TestPostgres}.
 */
class PostgresDeliveryRunTest extends DeliveryRunContractTest {

  @Override
  protected Database freshDatabase() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    return new Database(schema.url(), schema.user(), schema.password(), schema::close);
  }
}
