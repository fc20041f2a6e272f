package org.radflow.webhook;

import org.radflow.db.TestPostgres;

/**
 * Webhook delivery over a PostgreSQL store in a schema of its own; skipped with the reason when no
 * server answers (failed instead on CI), see {@link TestPostgres}.
 */
class PostgresWebhookDispatcherTest extends WebhookDispatcherContractTest {

  @Override
  protected Database freshDatabase() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    return new Database(schema.url(), schema.user(), schema.password(), schema::close);
  }
}
