package org.radflow.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit on PostgreSQL: commands without savepoints, the group run again with one each when a
 * command fails, so it fails alone; groups taken in lock-key order.
 */
class PostgresGroupCommitTest {

  private TestPostgres.Schema schema;
  private HikariDataSource dataSource;
  private GroupCommitter committer;
  private final List<UUID> ran = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void open() throws Exception {
    schema = TestPostgres.freshSchema();
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(schema.url());
    dataSource.setUsername(schema.user());
    dataSource.setPassword(schema.password());
    dataSource.setMaximumPoolSize(4);
    try (var c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table t (v text primary key)");
    }
    committer =
        new GroupCommitter(
            dataSource,
            new PostgresDialect(),
            "test-pg-commit",
            1,
            GroupCommitter.Isolation.RERUN_ON_FAILURE,
            32,
            1_000);
  }

  @AfterEach
  void close() {
    committer.close();
    dataSource.close();
    schema.close();
  }

  @Test
  void aFailingCommandFailsAloneAndTheRestOfItsGroupCommitsOnce() throws Exception {
    CountDownLatch writerBusy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      Future<?> blocker =
          callers.submit(
              () ->
                  committer.submit(
                      "hold the writer",
                      null,
                      c -> {
                        writerBusy.countDown();
                        await(release);
                        return insert(c, "first");
                      }));
      writerBusy.await(10, TimeUnit.SECONDS);
      Future<Integer> good =
          callers.submit(() -> committer.submit("good", null, c -> insert(c, "good")));
      Future<Integer> bad =
          callers.submit(
              () ->
                  committer.submit(
                      "bad",
                      null,
                      c -> {
                        insert(c, "bad-part");
                        return insert(c, "first"); // a duplicate key: fails in the database
                      }));
      Future<Integer> alsoGood =
          callers.submit(() -> committer.submit("also good", null, c -> insert(c, "also-good")));
      waitUntilQueued(3);
      release.countDown();

      blocker.get(10, TimeUnit.SECONDS);
      assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(alsoGood.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      Exception failure = assertThrows(Exception.class, () -> bad.get(10, TimeUnit.SECONDS));
      assertThat(failure.getCause()).isInstanceOf(StoreException.class);
    } finally {
      callers.shutdownNow();
    }
    assertThat(rows()).containsExactlyInAnyOrder("first", "good", "also-good");
  }

  @Test
  void aGroupRunsItsCommandsInTheOrderOfTheirLockKeys() throws Exception {
    CountDownLatch writerBusy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<UUID> keys = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      keys.add(UUID.randomUUID());
    }
    ExecutorService callers = Executors.newFixedThreadPool(keys.size() + 1);
    try {
      Future<?> blocker =
          callers.submit(
              () ->
                  committer.submit(
                      "hold the writer",
                      null,
                      c -> {
                        writerBusy.countDown();
                        await(release);
                        return 0;
                      }));
      writerBusy.await(10, TimeUnit.SECONDS);
      List<Future<Integer>> submitted = new ArrayList<>();
      for (UUID key : keys) {
        submitted.add(
            callers.submit(
                () ->
                    committer.submit(
                        "locks " + key,
                        key,
                        c -> {
                          ran.add(key);
                          return insert(c, key.toString());
                        })));
      }
      waitUntilQueued(keys.size());
      release.countDown();
      blocker.get(10, TimeUnit.SECONDS);
      for (Future<Integer> f : submitted) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      }
    } finally {
      callers.shutdownNow();
    }
    List<UUID> sorted = new ArrayList<>(keys);
    Collections.sort(sorted);
    assertThat(ran).containsExactlyElementsOf(sorted);
  }

  private void waitUntilQueued(int commands) throws InterruptedException {
    for (int i = 0; i < 500 && committer.queued() < commands; i++) {
      Thread.sleep(10);
    }
    assertThat(committer.queued()).isEqualTo(commands);
  }

  private static int insert(java.sql.Connection c, String value) throws java.sql.SQLException {
    try (var s = c.prepareStatement("insert into t values (?)")) {
      s.setString(1, value);
      return s.executeUpdate();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<String> rows() throws Exception {
    List<String> values = new ArrayList<>();
    try (var c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select v from t")) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }
}
