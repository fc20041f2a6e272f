package org.radflow.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL the API tests run against, with a fresh schema per test class. Where it is comes
 * from {@code RADFLOW_TEST_PG_URL}, {@code RADFLOW_TEST_PG_USER} and {@code
 * RADFLOW_TEST_PG_PASSWORD} (defaults: 127.0.0.1:5432/radflow_test as radflow/radflow; {@code
 * scripts/ensure-postgres} starts one).
 *
 * <p>When the server cannot be reached each test is skipped with the reason ({@link Required}),
 * except when {@code CI=true}, where it fails: a CI run that quietly skipped PostgreSQL would prove
 * nothing about production. A server that answers but refuses the setup fails everywhere.
 */
final class TestPostgres {

  static final String URL =
      env("RADFLOW_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/radflow_test");
  static final String USER = env("RADFLOW_TEST_PG_USER", "radflow");
  static final String PASSWORD = env("RADFLOW_TEST_PG_PASSWORD", "radflow");

  private TestPostgres() {}

  /** A schema of its own; {@link #url()} selects it and names the connections after it. */
  record Schema(String name) implements AutoCloseable {

    String url() {
      return URL
          + (URL.contains("?") ? "&" : "?")
          + "currentSchema="
          + name
          + "&ApplicationName="
          + name;
    }

    Connection connect() throws SQLException {
      return TestPostgres.connect(url());
    }

    @Override
    public void close() throws SQLException {
      try (Connection c = TestPostgres.connect(URL);
          Statement s = c.createStatement()) {
        s.execute("drop schema if exists " + name + " cascade");
      }
    }
  }

  /**
   * Skips a test class that needs PostgreSQL when nobody answers, with the reason; fails it instead
   * when {@code CI=true}. It decides for the class, before JUnit creates an instance, so the
   * class's Spring context is never started against a database that is not there.
   */
  static final class Required implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String reason = unreachable();
      if (reason == null) {
        return ConditionEvaluationResult.enabled("PostgreSQL answers at " + URL);
      }
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(reason + ". CI=true, so this fails instead of skipping.");
      }
      return ConditionEvaluationResult.disabled(reason);
    }
  }

  private static volatile String unreachable;
  private static volatile boolean probed;

  /** Why PostgreSQL cannot be used, or {@code null} when it answers. Probed once per run. */
  static String unreachable() {
    if (!probed) {
      try (Connection ignored = connect(URL)) {
        unreachable = null;
      } catch (SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (!state.startsWith("08")) {
          throw new IllegalStateException(
              "PostgreSQL at " + URL + " answered but refused the test setup: " + e.getMessage(),
              e);
        }
        unreachable =
            "PostgreSQL is not reachable at "
                + URL
                + " ("
                + e.getMessage()
                + "); run scripts/ensure-postgres or set RADFLOW_TEST_PG_URL";
      }
      probed = true;
    }
    return unreachable;
  }

  /** Creates a fresh schema; call only when {@link #unreachable()} is {@code null}. */
  static Schema freshSchema() throws SQLException {
    String name = "radflow_api_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = connect(URL);
        Statement s = c.createStatement()) {
      s.execute("create schema " + name);
      return new Schema(name);
    }
  }

  static Connection connect(String url) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", PASSWORD);
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("loginTimeout", "5");
    return DriverManager.getConnection(url, properties);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
