package org.radflow.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The two promises of {@link Databases#flyway} a rolling upgrade rests on, on both databases: a
 * node of the previous release starts against the schema the next release migrated, and an applied
 * migration that was edited since stops a node at startup.
 */
class RollingUpgradeMigrationTest {

  /** A migration of the release after this one: additive, as docs/operations.md requires. */
  private static final String NEXT_RELEASE =
      "alter table study add column next_release_note varchar(64);\n";

  @TempDir Path temp;

  @Test
  void sqliteNodeOfThePreviousReleaseStartsOnTheNextReleasesSchema() throws Exception {
    String url = Databases.sqliteUrl(temp);
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl(url);
    oldNodeStartsAfterTheNextReleaseMigrated(
        dataSource, new SqliteDialect(), () -> DriverManager.getConnection(url), url, null, null);
  }

  @Test
  void postgresqlNodeOfThePreviousReleaseStartsOnTheNextReleasesSchema() throws Exception {
    try (TestPostgres.Schema schema = TestPostgres.freshSchema()) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(schema.url());
      dataSource.setUser(schema.user());
      dataSource.setPassword(schema.password());
      oldNodeStartsAfterTheNextReleaseMigrated(
          dataSource,
          new PostgresDialect(),
          schema::connect,
          schema.url(),
          schema.user(),
          schema.password());
    }
  }

  @Test
  void sqliteNodeRefusesAnAppliedMigrationThatWasEdited() throws Exception {
    String url = Databases.sqliteUrl(temp);
    refusesAnEditedMigration(() -> DriverManager.getConnection(url), url, null, null);
  }

  @Test
  void postgresqlNodeRefusesAnAppliedMigrationThatWasEdited() throws Exception {
    try (TestPostgres.Schema schema = TestPostgres.freshSchema()) {
      refusesAnEditedMigration(schema::connect, schema.url(), schema.user(), schema.password());
    }
  }

  interface Connector {
    Connection connect() throws SQLException;
  }

  private void oldNodeStartsAfterTheNextReleaseMigrated(
      DataSource dataSource,
      Dialect dialect,
      Connector connector,
      String url,
      String user,
      String password)
      throws Exception {
    Path next = Files.createDirectories(temp.resolve("next-release"));
    Files.writeString(next.resolve("V1000__next_release_adds_a_column.sql"), NEXT_RELEASE);
    // the first node of the next release migrates: this release's files and its own
    Databases.flyway(dataSource, dialect.migrations(), "filesystem:" + next).load().migrate();

    // a node still on this release starts against it, and works
    try (Database old = Databases.open(url, user, password, 2, SqliteSync.FULL)) {
      old.ping();
    }
    try (Connection c = connector.connect();
        Statement s = c.createStatement();
        ResultSet applied =
            s.executeQuery(
                "select count(*) from flyway_schema_history where version = '1000' and success")) {
      applied.next();
      assertThat(applied.getInt(1))
          .as("the next release's migration stays applied; the old node ignored it")
          .isEqualTo(1);
    }
  }

  private void refusesAnEditedMigration(
      Connector connector, String url, String user, String password) throws Exception {
    try (Database first = Databases.open(url, user, password, 2, SqliteSync.FULL)) {
      first.ping();
    }
    try (Connection c = connector.connect();
        Statement s = c.createStatement()) {
      // as if V1's file had changed after it was applied: its checksum no longer matches
      s.executeUpdate(
          "update flyway_schema_history set checksum = checksum + 1 where version = '1'");
    }
    assertThatThrownBy(() -> Databases.open(url, user, password, 2, SqliteSync.FULL))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("checksum mismatch");
  }
}
