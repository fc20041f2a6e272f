package org.radflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;

/**
 * A fresh store for one benchmark run: SQLite in a temporary directory, or PostgreSQL in a schema
 * of its own ({@code RADFLOW_BENCH_PG_URL/USER/PASSWORD}, default the local test database), removed
 * afterwards.
 */
final class BenchStores {

  private BenchStores() {}

  /** An open store and what removes it. */
  record Opened(Stores stores, String label, Runnable cleanup) implements AutoCloseable {
    @Override
    public void close() {
      stores.close();
      cleanup.run();
    }
  }

  static Opened sqlite(int poolSize, StoreSettings settings) throws Exception {
    Path dir = Files.createTempDirectory("radflow-bench");
    Stores stores = Stores.open(Databases.sqliteUrl(dir), null, null, poolSize, settings);
    return new Opened(
        stores, "sqlite (WAL, synchronous=" + settings.sqliteSync() + ")", () -> delete(dir));
  }

  /** Removes a benchmark's temporary directory and everything in it. */
  static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not remove " + dir + ": " + e.getMessage());
    }
  }

  static Opened postgres(int poolSize, StoreSettings settings) throws Exception {
    String url = env("RADFLOW_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/radflow_test");
    String user = env("RADFLOW_BENCH_PG_USER", "radflow");
    String password = env("RADFLOW_BENCH_PG_PASSWORD", "radflow");
    String schema = "bench_" + System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
    }
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    Stores stores = Stores.open(schemaUrl, user, password, poolSize, settings);
    return new Opened(
        stores,
        "postgresql",
        () -> {
          try (Connection c = DriverManager.getConnection(url, user, password);
              Statement s = c.createStatement()) {
            s.execute("drop schema " + schema + " cascade");
          } catch (SQLException e) {
            System.err.println("could not drop bench schema " + schema + ": " + e.getMessage());
          }
        });
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
