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
 * afterwards. A bench that loads much before it measures may instead keep its store under a name
 * ({@link #keptSqlite}, {@link #keptPostgres}), so that a second run finds it loaded.
 */
final class BenchStores {

  private BenchStores() {}

  /** Where a store is, as radflow itself would be told ({@code radflow.db.*}). */
  record Location(String url, String user, String password) {}

  /** An open store, where it is, and what removes it (nothing, for a kept one). */
  record Opened(Stores stores, String label, Location location, Runnable cleanup)
      implements AutoCloseable {
    @Override
    public void close() {
      stores.close();
      cleanup.run();
    }
  }

  /**
   * A fresh store of {@code store} ({@code sqlite} or {@code postgresql}), or with {@code keep} the
   * kept one: the SQLite file {@code keptSqlite} or the PostgreSQL schema {@code keptSchema}.
   */
  static Opened open(
      String store,
      boolean keep,
      Path keptSqlite,
      String keptSchema,
      int poolSize,
      StoreSettings settings)
      throws Exception {
    boolean sqlite = store.equals("sqlite");
    if (!keep) {
      return sqlite ? sqlite(poolSize, settings) : postgres(poolSize, settings);
    }
    return sqlite
        ? keptSqlite(keptSqlite, poolSize, settings)
        : keptPostgres(keptSchema, poolSize, settings);
  }

  static Opened sqlite(int poolSize, StoreSettings settings) throws Exception {
    Path dir = Files.createTempDirectory("radflow-bench");
    String url = Databases.sqliteUrl(dir);
    Stores stores = Stores.open(url, null, null, poolSize, settings);
    return new Opened(
        stores, sqliteLabel(settings), new Location(url, null, null), () -> delete(dir));
  }

  /** SQLite in {@code file}, created (and migrated) when missing, and left in place afterwards. */
  static Opened keptSqlite(Path file, int poolSize, StoreSettings settings) throws Exception {
    Files.createDirectories(file.toAbsolutePath().getParent());
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    Stores stores = Stores.open(url, null, null, poolSize, settings);
    return new Opened(
        stores, sqliteLabel(settings) + " in " + file, new Location(url, null, null), () -> {});
  }

  private static String sqliteLabel(StoreSettings settings) {
    return "sqlite (WAL, synchronous=" + settings.sqliteSync() + ")";
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
    String schema = "bench_" + System.currentTimeMillis();
    Location location = postgresSchema(schema);
    Stores stores =
        Stores.open(location.url(), location.user(), location.password(), poolSize, settings);
    String url = env("RADFLOW_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/radflow_test");
    String user = location.user();
    String password = location.password();
    return new Opened(
        stores,
        "postgresql",
        location,
        () -> {
          try (Connection c = DriverManager.getConnection(url, user, password);
              Statement s = c.createStatement()) {
            s.execute("drop schema " + schema + " cascade");
          } catch (SQLException e) {
            System.err.println("could not drop bench schema " + schema + ": " + e.getMessage());
          }
        });
  }

  /**
   * PostgreSQL in the schema {@code schema}, created when missing, and left in place afterwards.
   */
  static Opened keptPostgres(String schema, int poolSize, StoreSettings settings) throws Exception {
    Location location = postgresSchema(schema);
    Stores stores =
        Stores.open(location.url(), location.user(), location.password(), poolSize, settings);
    return new Opened(stores, "postgresql (schema " + schema + ")", location, () -> {});
  }

  private static Location postgresSchema(String schema) throws SQLException {
    String url = env("RADFLOW_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/radflow_test");
    String user = env("RADFLOW_BENCH_PG_USER", "radflow");
    String password = env("RADFLOW_BENCH_PG_PASSWORD", "radflow");
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("create schema if not exists " + schema);
    }
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new Location(schemaUrl, user, password);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
