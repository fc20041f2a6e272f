package org.radflow.bench;

import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.TestPostgres;

/**
 * The sitting on PostgreSQL: the reference's one statement per command. Skipped with the reason
 * when no server answers (failed instead on CI), see {@link TestPostgres}.
 */
class PostgresCompareBenchSittingTest extends CompareBenchSittingTest {

  @Override
  BenchStores.Opened open() {
    TestPostgres.Schema schema = TestPostgres.freshSchema();
    Stores stores =
        Stores.open(schema.url(), schema.user(), schema.password(), 2, StoreSettings.defaults());
    return new BenchStores.Opened(
        stores,
        "postgresql",
        new BenchStores.Location(schema.url(), schema.user(), schema.password()),
        schema::close);
  }

  @Override
  String store() {
    return "postgresql";
  }
}
