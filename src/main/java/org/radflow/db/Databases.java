package org.radflow.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteConfig;

/** Opens the database a JDBC URL names, migrating its schema first. */
public final class Databases {

  private Databases() {}

  /**
   * @param jdbcUrl {@code jdbc:sqlite:/path/file.db} or {@code jdbc:postgresql://host/db}
   * @param user ignored for SQLite
   * @param password ignored for SQLite
   * @param poolSize connections in the pool
   * @param sqliteSync when SQLite makes a commit durable (ignored by PostgreSQL)
   */
  public static Database open(
      String jdbcUrl, String user, String password, int poolSize, SqliteSync sqliteSync) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      HikariDataSource dataSource =
          pool(sqlite(jdbcUrl, poolSize, sqliteSync), new SqliteDialect());
      migrate(dataSource, new SqliteDialect());
      return new SqliteDatabase(dataSource);
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      HikariDataSource dataSource =
          pool(postgres(jdbcUrl, user, password, poolSize), new PostgresDialect());
      migrate(dataSource, new PostgresDialect());
      return new PostgresDatabase(dataSource, CommitGroups.configured());
    }
    throw new IllegalArgumentException(
        "unsupported database URL '"
            + jdbcUrl
            + "': use jdbc:sqlite:<file> (the default) or jdbc:postgresql://<host>/<database>");
  }

  /** The embedded default: {@code radflow.db} in {@code home}. */
  public static String sqliteUrl(Path home) {
    return "jdbc:sqlite:" + home.toAbsolutePath().resolve("radflow.db");
  }

  /**
   * Starts the pool, which connects at once: a database that cannot be reached fails here, as a
   * {@link StoreException} like every other database fault.
   */
  private static HikariDataSource pool(HikariConfig config, Dialect dialect) {
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw dialect.translate(sql, "opening the " + dialect.name() + " database");
      }
      throw new StoreException(
          StoreException.Kind.UNAVAILABLE,
          "cannot open the " + dialect.name() + " database: " + e.getMessage(),
          e);
    }
  }

  private static HikariConfig sqlite(String jdbcUrl, int poolSize, SqliteSync sync) {
    Path file = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException e) {
      throw new StoreException(
          StoreException.Kind.UNAVAILABLE, "cannot create the directory for " + file, e);
    }
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(
        sync == SqliteSync.NORMAL
            ? SQLiteConfig.SynchronousMode.NORMAL
            : SQLiteConfig.SynchronousMode.FULL);
    sqlite.setBusyTimeout(30_000);
    sqlite.enforceForeignKeys(true);
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    HikariConfig config = new HikariConfig();
    config.setPoolName("radflow-sqlite");
    config.setJdbcUrl(jdbcUrl);
    config.setDataSourceProperties(sqlite.toProperties());
    // WAL checkpoints run on their own thread (SqliteCheckpointer), not inside a writer's commit.
    config.setConnectionInitSql("PRAGMA wal_autocheckpoint = 0");
    config.setMaximumPoolSize(Math.max(3, poolSize));
    return config;
  }

  private static HikariConfig postgres(String jdbcUrl, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("radflow-postgresql");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(Math.max(2, poolSize)); // Flyway holds two while migrating
    // a caller waiting on an unreachable database gets its answer (HL7 AE, HTTP 503) in seconds,
    // not after Hikari's default of 30
    config.setConnectionTimeout(5_000);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    // PgJDBC otherwise puts the server's DETAIL in every exception message ("Failing row contains
    // (…)", "Key (…)=(…)"): a patient's row would reach whatever logs or answers that message
    config.addDataSourceProperty("logServerErrorDetail", "false");
    return config;
  }

  /**
   * How every node migrates, stated rather than left to Flyway's defaults, because a rolling
   * upgrade (docs/operations.md) depends on each clause:
   *
   * <ul>
   *   <li>a node of the previous release starts against the schema the next release migrated: the
   *       applied migrations it does not know are newer than its own ({@code *:future}) and are
   *       ignored, not refused;
   *   <li>an applied migration whose file was edited since, or that is missing while older than the
   *       node's newest, stops the node at startup ({@code validateOnMigrate});
   *   <li>migrations apply in version order only: a lower version that arrives after a higher one
   *       was applied is refused, not slipped in ({@code outOfOrder} off).
   * </ul>
   */
  static FluentConfiguration flyway(DataSource dataSource, String... locations) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(locations)
        .ignoreMigrationPatterns("*:future")
        .validateOnMigrate(true)
        .outOfOrder(false);
  }

  private static void migrate(HikariDataSource dataSource, Dialect dialect) {
    try {
      flyway(dataSource, dialect.migrations()).load().migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException(
          StoreException.Kind.UNAVAILABLE,
          "cannot migrate the " + dialect.name() + " schema: " + e.getMessage(),
          e);
    }
  }
}
