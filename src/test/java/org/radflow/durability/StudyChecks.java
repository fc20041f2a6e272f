package org.radflow.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.radflow.db.TestPostgres;
import org.radflow.simulator.Resource;
import org.radflow.simulator.SimulatorCluster;
import org.radflow.workflow.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a scheduled study must end, read as an operator would through a node's API, and what the
 * external systems must hold: each step succeeded and entered the history once, and each slot and
 * worklist entry exists once, made with its step's idempotency key.
 */
final class StudyChecks {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ServerProcess node;
  private final SimulatorCluster cluster;
  private final TestPostgres.Schema schema;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  StudyChecks(ServerProcess node, SimulatorCluster cluster, TestPostgres.Schema schema) {
    this.node = node;
    this.cluster = cluster;
    this.schema = schema;
  }

  void scheduledOnceEach(String accession) throws Exception {
    String id = TopologyRows.studyId(schema, accession);
    JsonNode study = get("/api/v1/studies/" + id);
    assertThat(study.get("tracks").get("clinical").asString())
        .as("clinical state of %s", accession)
        .isEqualTo("PROCEDURE_SCHEDULED");
    JsonNode steps = get("/api/v1/studies/" + id + "/steps");
    assertThat(steps.size()).as("steps of %s: %s", accession, steps).isEqualTo(3);
    JsonNode history = get("/api/v1/studies/" + id + "/history");
    for (JsonNode step : steps) {
      String kind = step.get("kind").asString();
      assertThat(step.get("status").asString())
          .as("%s of %s", kind, accession)
          .isEqualTo("SUCCEEDED");
      assertThat(resultsInHistory(history, step.get("idempotencyKey").asString()))
          .as("%s of %s entered the history once", kind, accession)
          .isEqualTo(1);
    }
    createdOnce(Service.SCHEDULING, "slot", accession, steps, "RESERVE_SLOT");
    createdOnce(Service.WORKLIST, "entry", accession, steps, "CREATE_WORKLIST_ENTRY");
  }

  /** No resource beyond one per study at either system. */
  void oneResourcePerStudy(int studies) {
    assertThat(cluster.simulator(Service.SCHEDULING).state().resources("slot")).hasSize(studies);
    assertThat(cluster.simulator(Service.WORKLIST).state().resources("entry")).hasSize(studies);
  }

  private void createdOnce(
      Service service, String kind, String accession, JsonNode steps, String stepKind) {
    List<Resource> made =
        cluster.simulator(service).state().resources(kind, "accession", accession);
    assertThat(made).as("%s for %s", kind, accession).hasSize(1);
    JsonNode step = null;
    for (JsonNode s : steps) {
      if (s.get("kind").asString().equals(stepKind)) {
        step = s;
      }
    }
    assertThat(step).as("%s step of %s", stepKind, accession).isNotNull();
    assertThat(made.get(0).createdByKey())
        .as("%s for %s made by its step's key", kind, accession)
        .isEqualTo(step.get("idempotencyKey").asString());
  }

  /** History entries applied with a key the step derived from its own (one per effect). */
  private static long resultsInHistory(JsonNode history, String stepKey) {
    long count = 0;
    for (JsonNode entry : history.get("entries")) {
      JsonNode transition = entry.get("transition");
      if (transition != null
          && !transition.isNull()
          && transition.get("idempotencyKey").asString().startsWith(stepKey + ":")
          && entry.get("change").asString().equals("APPLIED")) {
        count++;
      }
    }
    return count;
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(node.uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", node.authorization())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
