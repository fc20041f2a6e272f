package org.radflow.db;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;

/**
 * For a contract test: a store opened on a fresh, empty database for each test, closed and the
 * database removed afterwards. A short subclass per database says where the database is.
 */
public abstract class StoreOnFreshDatabase {

  protected static final StoreSettings SETTINGS = new StoreSettings(1024, Duration.ofHours(4));

  /** One test's fresh, empty database, and how to remove it afterwards. */
  public record Database(String url, String user, String password, Runnable drop) {}

  protected abstract Database freshDatabase();

  protected Database database;
  protected Stores stores;

  @BeforeEach
  protected void openStoreOnFreshDatabase() {
    database = freshDatabase();
    stores = Stores.open(database.url(), database.user(), database.password(), 10, SETTINGS);
  }

  @AfterEach
  protected void closeStoreAndDropDatabase() {
    try (Stores closed = stores) {
      // closed whatever happened in the test
    } finally {
      if (database != null) {
        database.drop().run();
      }
    }
  }
}
