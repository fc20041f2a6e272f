package org.radflow.webhook.jdbc;

import org.radflow.db.StoreOnFreshDatabase.Database;
import org.radflow.db.TestPostgres;

/**
 * Upgrading a PostgreSQL database with webhooks to V10, in a schema of its own; skipped with the
 * reason when no server answers (failed instead on CI), see {@link TestPostgres}.
 */
class PostgresWebhookUpgradeTest extends WebhookUpgradeContractTest {

  @Override
  protected Database freshDatabase() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    return new Database(schema.url(), schema.user(), schema.password(), schema::close);
  }

  @Override
  protected String instantLiteral() {
    return "timestamptz '2026-01-01 00:00:00+00'";
  }
}
