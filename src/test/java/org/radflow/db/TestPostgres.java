package org.radflow.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL the tests run against, and a fresh schema for each test.
 *
 * <p>Where it is comes from the environment: {@code RADFLOW_TEST_PG_URL} (default {@value
 * #DEFAULT_URL}), {@code RADFLOW_TEST_PG_USER} and {@code RADFLOW_TEST_PG_PASSWORD} (both default
 * {@code radflow}); {@code scripts/ensure-postgres} starts one.
 *
 * <p>When the server cannot be reached, a test that needs it is skipped with the reason — except
 * when {@code CI=true}, where it fails: a CI run that quietly skipped PostgreSQL would prove
 * nothing about production. Only connection failures count as unreachable; a wrong password or a
 * missing privilege fails everywhere. The first failed probe is remembered, so a down server costs
 * one connect timeout per run, not one per test.
 */
public final class TestPostgres {

  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/radflow_test";

  private static final String URL = env("RADFLOW_TEST_PG_URL", DEFAULT_URL);
  private static final String USER = env("RADFLOW_TEST_PG_USER", "radflow");
  private static final String PASSWORD = env("RADFLOW_TEST_PG_PASSWORD", "radflow");
  private static final int CONNECT_TIMEOUT_SECONDS = 5;

  private static volatile String unreachable;

  private TestPostgres() {}

  /**
   * Creates an empty schema with a random name. Open a store on {@link Schema#url()}, which selects
   * it with {@code currentSchema}, and close the schema afterwards to drop it with everything in
   * it. Call it per test (in {@code @BeforeEach}), not in {@code @BeforeAll}: Surefire reports a
   * class aborted in {@code @BeforeAll} as zero tests run, so the skip would not show. A class that
   * needs one schema for all its tests (a Spring context) is guarded by {@link Required} instead.
   */
  public static Schema freshSchema() {
    String name = "radflow_t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = connect(URL);
        Statement s = c.createStatement()) {
      s.execute("create schema " + name);
    } catch (SQLException e) {
      Assumptions.abort(whyUnreachable(e));
    }
    String separator = URL.contains("?") ? "&" : "?";
    return new Schema(name, URL + separator + "currentSchema=" + name, USER, PASSWORD);
  }

  /** A test's own schema; {@link #close()} drops it. */
  public record Schema(String name, String url, String user, String password)
      implements AutoCloseable {

    /** A plain JDBC connection whose search path is this schema. */
    public Connection connect() throws SQLException {
      return TestPostgres.connect(url);
    }

    @Override
    public void close() {
      try (Connection c = TestPostgres.connect(URL);
          Statement s = c.createStatement()) {
        s.execute("drop schema if exists " + name + " cascade");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot drop test schema " + name, e);
      }
    }
  }

  private static Connection connect(String url) throws SQLException {
    if (unreachable != null) {
      throw new SQLException(unreachable, "08001");
    }
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", PASSWORD);
    properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    return DriverManager.getConnection(url, properties);
  }

  /**
   * For a test class that needs the server before its first test, such as a Spring test whose
   * context connects as it starts. JUnit asks it before it creates an instance, so nothing starts
   * against a server that is not there: the class is skipped with the reason (Surefire lists each
   * of its tests as skipped), or failed when {@code CI=true}. Once it has run, the class may call
   * {@link #freshSchema()} in {@code @BeforeAll}.
   */
  public static final class Required implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      try (Connection ignored = connect(URL)) {
        return ConditionEvaluationResult.enabled("PostgreSQL answers at " + URL);
      } catch (SQLException e) {
        return ConditionEvaluationResult.disabled(whyUnreachable(e));
      }
    }
  }

  /**
   * Why the server cannot be used, for a skip. Throws instead when it answered but refused, and
   * fails when {@code CI=true}.
   */
  private static String whyUnreachable(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (!state.startsWith("08")) {
      throw new IllegalStateException(
          "PostgreSQL at " + URL + " answered but refused the test setup: " + e.getMessage(), e);
    }
    if (unreachable == null) {
      unreachable = e.getMessage();
    }
    String reason =
        "PostgreSQL is not reachable at "
            + URL
            + " ("
            + unreachable
            + "); run scripts/ensure-postgres or set RADFLOW_TEST_PG_URL";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + ". CI=true, so this fails instead of skipping.", e);
    }
    return reason;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
