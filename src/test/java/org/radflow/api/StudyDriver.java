package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * Drives studies through radflow's public API as an end-to-end test does: opens them, applies
 * transitions, reads a study, its steps, history and exception lane, and waits for the engine to
 * move them.
 *
 * @param authority the assigning authority studies are opened under, so a search sees only this
 *     test's own
 * @param patience how long a wait gives up after: the test class's own, sized to what it waits for
 */
public record StudyDriver(Api api, String authority, Duration patience) {

  // ---- writes -----------------------------------------------------------------------------------

  /** Opens a study and returns its id; anything but 201 fails. */
  public String open(String accession, String patientId) {
    Api.Response created =
        api.post("/api/v1/studies", Bodies.openStudy(authority, accession, patientId));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  public void transition(String id, String type, String key) {
    transition(id, type, key, "{}");
  }

  /** Applies a transition; applied (200) and held (202) both pass. */
  public void transition(String id, String type, String key, String data) {
    Api.Response response =
        api.post("/api/v1/studies/" + id + "/transitions", Bodies.transition(type, key, data));
    assertThat(response.status()).as(response.text()).isIn(200, 202);
  }

  // ---- reads ------------------------------------------------------------------------------------

  public JsonNode study(String id) {
    return api.get("/api/v1/studies/" + id).json();
  }

  public List<JsonNode> steps(String id) {
    return elements(api.get("/api/v1/studies/" + id + "/steps").json());
  }

  /** The first step of {@code kind}; fails if there is none. */
  public JsonNode stepOf(String id, String kind) {
    return steps(id).stream().filter(s -> kind(s).equals(kind)).findFirst().orElseThrow();
  }

  public static String kind(JsonNode step) {
    return step.path("kind").asString();
  }

  /** Whether a step of each of {@code kinds} has succeeded. */
  public boolean succeeded(String id, String... kinds) {
    List<JsonNode> steps = steps(id);
    for (String kind : kinds) {
      boolean done =
          steps.stream()
              .anyMatch(
                  s -> kind(s).equals(kind) && s.path("status").asString().equals("SUCCEEDED"));
      if (!done) {
        return false;
      }
    }
    return true;
  }

  public List<JsonNode> history(String id) {
    return elements(api.get("/api/v1/studies/" + id + "/history").json().path("entries"));
  }

  public List<String> historyTypes(String id) {
    return history(id).stream().map(e -> e.path("transition").path("type").asString("")).toList();
  }

  /** The study's items in the exception lane. */
  public List<JsonNode> lane(String studyId) {
    return elements(api.get("/api/v1/exceptions?limit=1000").json()).stream()
        .filter(i -> i.path("studyId").asString().equals(studyId))
        .toList();
  }

  /** One service's entry in radflow's service list: its state, steps and suspended counts. */
  public JsonNode service(String slug) {
    for (JsonNode service : api.get("/api/v1/services").json()) {
      if (service.path("service").asString().equals(slug)) {
        return service;
      }
    }
    throw new AssertionError("no service " + slug);
  }

  // ---- waits ------------------------------------------------------------------------------------

  public void awaitState(String id, String track, String state) {
    await()
        .atMost(patience)
        .until(() -> study(id).path("tracks").path(track).asString().equals(state));
  }

  public JsonNode awaitHistoryEntry(String id, String type) {
    return awaitFirst(
        () -> history(id), e -> e.path("transition").path("type").asString("").equals(type));
  }

  public JsonNode awaitLaneItem(String studyId, String kind) {
    return awaitFirst(() -> lane(studyId), i -> i.path("kind").asString().equals(kind));
  }

  /** Waits until what {@code read} returns holds an element that {@code matches}: the first. */
  private JsonNode awaitFirst(Supplier<List<JsonNode>> read, Predicate<JsonNode> matches) {
    return await()
        .atMost(patience)
        .until(
            () -> read.get().stream().filter(matches).findFirst().orElse(null), Objects::nonNull);
  }

  // ---- bodies -----------------------------------------------------------------------------------

  /** The body an operator's redrive, resolve, release or compensation gives its reason in. */
  public static String operator(String reason) {
    return """
        {"reason": "%s"}
        """
        .formatted(reason);
  }

  /** A JSON array of strings, such as a lane item's actions, as a list. */
  public static List<String> names(JsonNode array) {
    return elements(array).stream().map(JsonNode::asString).toList();
  }

  private static List<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }
}
