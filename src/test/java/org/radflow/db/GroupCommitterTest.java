package org.radflow.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {

  @TempDir Path dir;
  private HikariDataSource dataSource;
  private GroupCommitter committer;

  @BeforeEach
  void open() {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl("jdbc:sqlite:" + dir.resolve("g.db"));
    committer = new GroupCommitter(dataSource, new SqliteDialect(), "test-writer");
    committer.submit(
        "create table",
        c -> {
          try (Statement s = c.createStatement()) {
            return s.executeUpdate("create table t (v integer)");
          }
        });
  }

  @AfterEach
  void close() {
    committer.close();
    dataSource.close();
  }

  @Test
  void aCommandThatThrowsAnErrorFailsAndTheWriterServesTheNextOne() {
    assertThrows(
        StackOverflowError.class,
        () ->
            committer.submit(
                "overflow",
                c -> {
                  throw new StackOverflowError("injected");
                }));

    assertThat(insertAndCount()).isEqualTo(1);
  }

  @Test
  void aFailingCommandRollsBackAloneAndItsGroupStillCommits() {
    assertThrows(
        StoreException.class,
        () ->
            committer.submit(
                "bad sql",
                c -> {
                  try (Statement s = c.createStatement()) {
                    s.executeUpdate("insert into t values (1)");
                    return s.executeUpdate("insert into missing values (1)");
                  }
                }));

    assertThat(insertAndCount()).isEqualTo(1); // the bad command's first insert was rolled back
  }

  @Test
  void aClosedCommitterFailsAtOnceInsteadOfWaitingForever() {
    committer.close();

    StoreException e = assertThrows(StoreException.class, () -> committer.submit("late", c -> 1));
    assertThat(e.kind()).isEqualTo(StoreException.Kind.UNAVAILABLE);
  }

  private int insertAndCount() {
    return committer.submit(
        "insert",
        c -> {
          try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into t values (1)");
            try (ResultSet rows = s.executeQuery("select count(*) from t")) {
              rows.next();
              return rows.getInt(1);
            }
          }
        });
  }
}
