package org.radflow.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
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
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final ServerProcess node;
  private final SimulatorCluster cluster;
  private final TestPostgres.Schema schema;

  StudyChecks(ServerProcess node, SimulatorCluster cluster, TestPostgres.Schema schema) {
    this.node = node;
    this.cluster = cluster;
    this.schema = schema;
  }

  /** The study's steps, for what a caller checks beyond this. */
  JsonNode scheduledOnceEach(String accession) throws Exception {
    String id = TopologyRows.studyId(schema, accession);
    JsonNode study = get(node, "/api/v1/studies/" + id);
    assertThat(study.get("tracks").get("clinical").asString())
        .as("clinical state of %s", accession)
        .isEqualTo("PROCEDURE_SCHEDULED");
    JsonNode steps = get(node, "/api/v1/studies/" + id + "/steps");
    assertThat(steps.size()).as("steps of %s: %s", accession, steps).isEqualTo(3);
    JsonNode history = get(node, "/api/v1/studies/" + id + "/history");
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
    return steps;
  }

  /** Each step that made a slot or worklist entry recorded the id the system gave it. */
  void stepsRecordedWhatTheyMade(String accession, JsonNode steps) {
    recorded(Service.SCHEDULING, "slot", accession, steps, "RESERVE_SLOT");
    recorded(Service.WORKLIST, "entry", accession, steps, "CREATE_WORKLIST_ENTRY");
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
    assertThat(made.get(0).createdByKey())
        .as("%s for %s made by its step's key", kind, accession)
        .isEqualTo(step(steps, stepKind, accession).get("idempotencyKey").asString());
  }

  private void recorded(
      Service service, String kind, String accession, JsonNode steps, String stepKind) {
    List<Resource> made =
        cluster.simulator(service).state().resources(kind, "accession", accession);
    assertThat(made.get(0).id())
        .as("the step recorded what the %s made", service.slug())
        .isEqualTo(step(steps, stepKind, accession).get("externalRef").asString());
  }

  private static JsonNode step(JsonNode steps, String stepKind, String accession) {
    JsonNode step = null;
    for (JsonNode s : steps) {
      if (s.get("kind").asString().equals(stepKind)) {
        step = s;
      }
    }
    assertThat(step).as("%s step of %s", stepKind, accession).isNotNull();
    return step;
  }

  /** History entries applied with a key the step derived from its own (one per effect). */
  private static long resultsInHistory(JsonNode history, String stepKey) {
    return applied(history, key -> key.startsWith(stepKey + ":"));
  }

  /** History entries applied by a transition whose idempotency key passes {@code key}. */
  static long applied(JsonNode history, Predicate<String> key) {
    long count = 0;
    for (JsonNode entry : history.get("entries")) {
      JsonNode transition = entry.get("transition");
      if (transition != null
          && !transition.isNull()
          && key.test(transition.get("idempotencyKey").asString())
          && entry.get("change").asString().equals("APPLIED")) {
        count++;
      }
    }
    return count;
  }

  /** GETs JSON with the node's own credentials; anything but 200 fails. */
  static JsonNode get(ServerProcess node, String path) throws Exception {
    return get(node.uri(path), node.authorization());
  }

  static JsonNode get(URI uri, String authorization) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
