package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.radflow.db.TestPostgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A few of the API's paths against PostgreSQL, in a schema of this class's own, plus what only a
 * server database can show over HTTP: the database dropping a command's connection is a 503 with
 * Retry-After, and nothing of that command was committed.
 *
 * <p>The Spring context connects when it starts, before any test, so {@link TestPostgres.Required}
 * decides for the whole class whether PostgreSQL is there (skipped with the reason if not, failed
 * on CI), and the schema is the class's, made once it is known to be reachable.
 */
@ExtendWith(TestPostgres.Required.class)
@DirtiesContext // the context's pool points at a schema that is dropped after the class
class PostgresApiTest extends AbstractApiTest {

  static TestPostgres.Schema schema;

  @BeforeAll
  static void createSchema() {
    schema = TestPostgres.freshSchema();
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) {
      schema.close();
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    onSchema(registry, () -> schema);
    registry.add("radflow.hold-sweep-interval", () -> "1h");
  }

  /** radflow's database is {@code schema}, read when the context starts (after @BeforeAll). */
  static void onSchema(DynamicPropertyRegistry registry, Supplier<TestPostgres.Schema> schema) {
    // Named after the schema, so the outage test can find the server's backends.
    registry.add(
        "radflow.db.url", () -> schema.get().url() + "&ApplicationName=" + schema.get().name());
    registry.add("radflow.db.user", () -> schema.get().user());
    registry.add("radflow.db.password", () -> schema.get().password());
    registry.add("radflow.db.pool-size", () -> "4");
  }

  @Test
  void holdsReleasesDuplicatesAndConflictsWorkOnPostgres() {
    String id = open("ACC-PG-1");
    assertThat(api.post("/api/v1/studies", Bodies.openStudy(authority, "ACC-PG-1", "P")).status())
        .isEqualTo(200);

    Api.Response held = transition(id, Bodies.transition("REPORT_FINALISED", "final"));
    assertThat(held.status()).isEqualTo(202);
    for (String type : new String[] {"ACQUISITION_STARTED", "ACQUISITION_COMPLETED"}) {
      assertThat(transition(id, Bodies.transition(type, type)).status()).isEqualTo(200);
    }
    String commit = Bodies.transition("IMAGES_COMMITTED", "commit");
    Api.Response released = transition(id, commit);
    assertThat(released.status()).isEqualTo(200);
    assertThat(released.json().path("appended").get(1).path("change").asString())
        .isEqualTo("RELEASED");
    assertThat(released.json().path("study").path("tracks").path("imaging").asString())
        .isEqualTo("REPORT_FINALISED");

    Api.Response duplicate = transition(id, commit);
    assertThat(duplicate.json().path("duplicate").asBoolean()).isTrue();
    transition(id, Bodies.transition("IMAGES_COMMITTED", "commit", "{\"count\": \"2\"}"))
        .problem(409, "idempotency-conflict");
    assertThat(api.get("/api/v1/studies/" + id + "/conflicts").json().path("conflicts")).hasSize(1);
    assertThat(api.get("/api/v1/studies/" + id + "/history").json().path("entries")).hasSize(6);
    api.get("/api/v1/studies/00000000-0000-4000-8000-000000000000").problem(404, "study-not-found");
  }

  @Test
  void searchPagesOnPostgres() {
    for (int i = 0; i < 3; i++) {
      open("ACC-PG-S" + i);
    }
    JsonNode page =
        api.get("/api/v1/studies?accession=ACC-PG-S1&track=IMAGING&state=NOT_STARTED").json();
    assertThat(page.path("total").asLong()).isEqualTo(1);
    JsonNode all = api.get("/api/v1/studies?patientAuthority=NHS&patientId=P&limit=2").json();
    assertThat(all.path("items")).hasSize(2);
    assertThat(all.path("total").asLong()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void healthIsUpOnPostgres() {
    // Anonymous callers see the status only; the store's details are for authorized ones.
    JsonNode health = new Api(port).get("/actuator/health").json();
    assertThat(health.path("status").asString()).isEqualTo("UP");
    assertThat(health.has("components")).isFalse();
    JsonNode authorized = api.get("/actuator/health").json();
    assertThat(authorized.path("components").path("store").path("status").asString())
        .isEqualTo("UP");
  }

  @Test
  void aConnectionLostMidCommandIsA503AndCommitsNothing() throws Exception {
    String id = open("ACC-PG-OUTAGE");
    String body = Bodies.transition("IDENTITY_VALIDATED", "ihi-outage");
    CompletableFuture<Api.Response> pending;

    // Hold the study's row so the command waits on it, then kill the backend it waits in: the
    // server sees exactly what it sees when the database restarts under it.
    try (Connection lock = schema.connect()) {
      lock.setAutoCommit(false);
      try (PreparedStatement s =
          lock.prepareStatement("select id from study where id = ?::uuid for update")) {
        s.setString(1, id);
        s.executeQuery().close();
      }
      pending = api.postAsync("/api/v1/studies/" + id + "/transitions", body);
      int waiting = awaitBackendWaitingOnLock(lock);
      try (PreparedStatement kill = lock.prepareStatement("select pg_terminate_backend(?)")) {
        kill.setInt(1, waiting);
        kill.executeQuery().close();
      }
      lock.rollback();
    }

    Api.Response response = pending.get(30, TimeUnit.SECONDS);
    JsonNode problem = response.problem(503, "store-unavailable");
    assertThat(response.header("Retry-After")).contains("5");
    assertThat(problem.path("retryAfterSeconds").asInt()).isEqualTo(5);
    assertThat(problem.path("detail").asString())
        .contains("may or may not have been committed")
        .contains("same idempotency key");
    assertThat(response.text()).doesNotContain("SQLSTATE").doesNotContain("terminating");

    assertThat(api.get("/api/v1/studies/" + id).json().path("version").asLong()).isEqualTo(1);
    Api.Response retried = transition(id, body);
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.json().path("duplicate").asBoolean()).isFalse();
  }

  private static int awaitBackendWaitingOnLock(Connection c) {
    int[] pid = new int[1];
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "select pid from pg_stat_activity where application_name = ?"
                          + " and wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
                s.setString(1, schema.name());
                try (ResultSet rows = s.executeQuery()) {
                  if (rows.next()) {
                    pid[0] = rows.getInt(1);
                    return true;
                  }
                  return false;
                }
              }
            });
    return pid[0];
  }
}
