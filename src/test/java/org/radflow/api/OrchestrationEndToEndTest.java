package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.radflow.api.StudyDriver.kind;
import static org.radflow.api.StudyDriver.names;
import static org.radflow.api.StudyDriver.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.simulator.Fault;
import org.radflow.simulator.Resource;
import org.radflow.workflow.Service;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole orchestration through the real simulators over HTTP: radflow's workers call them with
 * idempotency keys, and the simulators' own state shows what happened — once.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "radflow.mllp.port=0")
class OrchestrationEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static SimulatedWorld world;

  @LocalServerPort int port;
  Api api;
  String authority;
  StudyDriver driver;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    world = SimulatedWorld.start("radflow-orchestration");
    world.register(
        registry,
        Map.of(
            "radflow.orchestration.images-committed-within", "3s",
            "radflow.orchestration.release-mode", "MANUAL",
            "radflow.orchestration.release-per-second", "100"));
  }

  @AfterAll
  static void stopSimulators() {
    world.close();
  }

  @BeforeEach
  void connect() {
    api = world.admin(port);
    authority = Bodies.uniqueAuthority();
    driver = new StudyDriver(api, authority, PATIENCE);
  }

  @AfterEach
  void healFaults() {
    world.healAll();
  }

  @Test
  void a_study_goes_from_order_to_reconciliation_through_every_system_once() {
    String id = driver.open("ACC-FLOW", "P-FLOW");
    driver.awaitState(id, "clinical", "PROCEDURE_SCHEDULED");
    driver.transition(id, "ACQUISITION_STARTED", "acq-start");
    driver.transition(id, "ACQUISITION_COMPLETED", "acq-done");
    // The final report arrives before the archive confirmed the images: held, then applied.
    driver.transition(id, "REPORT_FINALISED", "report-final");

    driver.awaitState(id, "administrative", "FINANCIALLY_RECONCILED");
    JsonNode study = driver.study(id);
    assertThat(study.path("tracks").path("imaging").asString()).isEqualTo("REPORT_FINALISED");
    assertThat(study.path("tracks").path("distribution").asString()).isEqualTo("PUBLISHED");
    assertThat(study.path("status").path("kind").asString()).isEqualTo("FINANCIALLY_COMPLETE");

    String accession = "ACC-FLOW";
    assertThat(resources(Service.SCHEDULING, "slot", accession)).singleElement();
    assertThat(resources(Service.WORKLIST, "entry", accession)).singleElement();
    assertThat(resources(Service.NATIONAL_RECORD, "document", accession))
        .singleElement()
        .extracting(Resource::status)
        .isEqualTo("CURRENT");
    assertThat(resources(Service.BILLING, "charge", accession)).singleElement();
    assertThat(driver.steps(id))
        .extracting(s -> s.path("kind").asString() + ":" + s.path("status").asString())
        .contains(
            "VALIDATE_IDENTITY:SUCCEEDED",
            "RESERVE_SLOT:SUCCEEDED",
            "CREATE_WORKLIST_ENTRY:SUCCEEDED",
            "CONFIRM_STORAGE_COMMITMENT:SUCCEEDED",
            "PUBLISH_REPORT:SUCCEEDED",
            "SEED_CHARGE:SUCCEEDED",
            "SUBMIT_CLAIM:SUCCEEDED",
            "FETCH_CLAIM_ANSWER:SUCCEEDED",
            "RECONCILE:SUCCEEDED");
  }

  @Test
  void the_archives_storage_commitment_after_radflows_own_step_is_already_known() {
    String id = driver.open("ACC-SEEN", "P-SEEN");
    driver.transition(id, "REPORT_FINALISED", "report-final"); // early: held
    String uid = "1.2.826.0.1.3680043.8.498.4242";
    for (String type : List.of("ACQUISITION_STARTED", "ACQUISITION_COMPLETED")) {
      Api.Response event = api.post("/api/v1/imaging-events", imagingEvent(type, uid));
      assertThat(event.status()).as(event.text()).isEqualTo(200);
    }
    // radflow's own storage-commitment step commits the images and the held report applies
    await().atMost(PATIENCE).until(() -> driver.succeeded(id, "CONFIRM_STORAGE_COMMITMENT"));
    driver.awaitState(id, "imaging", "REPORT_FINALISED");

    Api.Response pacs = api.post("/api/v1/imaging-events", imagingEvent("STORAGE_COMMITTED", uid));

    assertThat(pacs.status()).as(pacs.text()).isEqualTo(200);
    assertThat(pacs.json().path("outcome").asString()).isEqualTo("ALREADY_KNOWN");
    assertThat(driver.study(id).path("tracks").path("imaging").asString())
        .isEqualTo("REPORT_FINALISED");
  }

  private String imagingEvent(String type, String uid) {
    return """
        {"type": "%s", "assigningAuthority": "%s", "accessionNumber": "ACC-SEEN",
         "studyInstanceUid": "%s", "source": {"system": "pacs"}}
        """
        .formatted(type, authority, uid);
  }

  @Test
  void cancelling_after_slot_and_worklist_entry_undoes_both_at_the_simulators() {
    String id = driver.open("ACC-CANCEL", "P-CANCEL");
    await()
        .atMost(PATIENCE)
        .until(() -> driver.succeeded(id, "CREATE_WORKLIST_ENTRY", "RESERVE_SLOT"));

    driver.transition(id, "STUDY_CANCELLED", "cancel");

    await()
        .atMost(PATIENCE)
        .until(() -> driver.succeeded(id, "RELEASE_SLOT", "REMOVE_WORKLIST_ENTRY"));
    assertThat(resources(Service.SCHEDULING, "slot", "ACC-CANCEL"))
        .singleElement()
        .extracting(Resource::status)
        .isEqualTo("RELEASED");
    assertThat(resources(Service.WORKLIST, "entry", "ACC-CANCEL"))
        .singleElement()
        .extracting(Resource::status)
        .isEqualTo("REMOVED");
    // Undone newest first: the forward step completed last is undone first.
    List<JsonNode> steps = driver.steps(id);
    List<String> forwardOrder =
        steps.stream()
            .filter(s -> List.of("RESERVE_SLOT", "CREATE_WORKLIST_ENTRY").contains(kind(s)))
            .sorted(Comparator.comparing(s -> Instant.parse(s.path("completedAt").asString())))
            .map(s -> s.path("id").asString())
            .toList();
    List<String> undoOrder =
        steps.stream()
            .filter(s -> !s.path("compensates").isNull() && s.has("compensates"))
            .filter(s -> !s.path("compensates").asString("").isEmpty())
            .sorted(Comparator.comparing(s -> Instant.parse(s.path("completedAt").asString())))
            .map(s -> s.path("compensates").asString())
            .toList();
    List<String> newestFirst = new ArrayList<>(forwardOrder);
    java.util.Collections.reverse(newestFirst);
    assertThat(undoOrder).containsExactlyElementsOf(newestFirst);
    assertThat(driver.study(id).path("status").path("kind").asString()).isEqualTo("CANCELLED");
  }

  @Test
  void a_failed_undo_goes_to_the_exception_lane_and_a_redrive_finishes_it() {
    String id = driver.open("ACC-UNDO", "P-UNDO");
    await()
        .atMost(PATIENCE)
        .until(() -> driver.succeeded(id, "CREATE_WORKLIST_ENTRY", "RESERVE_SLOT"));
    world.simulators().fault(Service.SCHEDULING, Fault.reject());

    driver.transition(id, "STUDY_CANCELLED", "cancel");

    JsonNode item = driver.awaitLaneItem(id, "COMPENSATION_FAILED");
    assertThat(item.path("service").asString()).isEqualTo("scheduling");
    assertThat(item.path("reason").asString()).contains("RELEASE_SLOT");
    assertThat(names(item.path("actions"))).contains("REDRIVE", "RESOLVE");
    await().atMost(PATIENCE).until(() -> driver.succeeded(id, "REMOVE_WORKLIST_ENTRY"));
    assertThat(resources(Service.SCHEDULING, "slot", "ACC-UNDO"))
        .singleElement()
        .extracting(Resource::status)
        .isEqualTo("RESERVED");

    world.simulators().fault(Service.SCHEDULING, Fault.none());
    Api.Response redrive =
        api.post(
            "/api/v1/steps/" + item.path("step").asString() + "/redrive",
            operator("scheduling fixed the slot lock"));
    assertThat(redrive.status()).as(redrive.text()).isEqualTo(200);

    await().atMost(PATIENCE).until(() -> driver.succeeded(id, "RELEASE_SLOT"));
    assertThat(resources(Service.SCHEDULING, "slot", "ACC-UNDO"))
        .singleElement()
        .extracting(Resource::status)
        .isEqualTo("RELEASED");
    assertThat(driver.lane(id)).isEmpty();
    JsonNode audit = api.get("/api/v1/audit?study=" + id).json();
    assertThat(audit.get(0).path("action").asString()).isEqualTo("REDRIVE");
    assertThat(audit.get(0).path("actor").asString()).isEqualTo("token:admin");
    assertThat(audit.get(0).path("reason").asString()).isEqualTo("scheduling fixed the slot lock");
  }

  @Test
  void a_rejected_identity_is_redriven_from_that_step_and_refused_once_cancelled() {
    world.simulators().identity().unknownPatient("P-UNKNOWN");
    String id = driver.open("ACC-IDENT", "P-UNKNOWN");
    JsonNode item = driver.awaitLaneItem(id, "STEP_FAILED");
    assertThat(item.path("reason").asString()).contains("IHI_NOT_FOUND");
    assertThat(driver.study(id).path("tracks").path("clinical").asString())
        .isEqualTo("IDENTITY_EXCEPTION");

    world.simulators().identity().unknownPatients(List.of());
    Api.Response redrive =
        api.post(
            "/api/v1/steps/" + item.path("step").asString() + "/redrive",
            operator("patient registered with the IHI service"));
    assertThat(redrive.status()).as(redrive.text()).isEqualTo(200);
    // The rejection changed nothing at the service, so the redrive asks again under a new key.
    assertThat(redrive.json().path("idempotencyKey").asString()).contains("redrive-");

    driver.awaitState(id, "clinical", "PROCEDURE_SCHEDULED");
    assertThat(driver.steps(id)).filteredOn(s -> kind(s).equals("VALIDATE_IDENTITY")).hasSize(1);
    assertThat(driver.lane(id)).isEmpty();

    world.simulators().identity().unknownPatient("P-GONE");
    String cancelled = driver.open("ACC-IDENT-2", "P-GONE");
    JsonNode failed = driver.awaitLaneItem(cancelled, "STEP_FAILED");
    driver.transition(cancelled, "STUDY_CANCELLED", "cancel");
    Api.Response refused =
        api.post(
            "/api/v1/steps/" + failed.path("step").asString() + "/redrive", operator("try again"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("detail").asString()).contains("cancelled");
  }

  @Test
  void images_not_committed_in_time_fire_the_durable_timer_once_and_a_person_resolves_it() {
    world.simulators().archive().committed("ACC-LATE", false);
    String id = driver.open("ACC-LATE", "P-LATE");
    driver.awaitState(id, "clinical", "PROCEDURE_SCHEDULED");
    driver.transition(id, "ACQUISITION_STARTED", "acq-start");
    driver.transition(id, "ACQUISITION_COMPLETED", "acq-done");

    JsonNode item = driver.awaitLaneItem(id, "DEADLINE_MISSED");
    assertThat(item.path("reason").asString()).contains("did not commit the images in time");
    assertThat(driver.study(id).path("tracks").path("imaging").asString())
        .isEqualTo("IMAGES_MISSING");
    assertThat(driver.steps(id))
        .filteredOn(s -> kind(s).equals("IMAGES_COMMIT_DEADLINE"))
        .singleElement()
        .satisfies(s -> assertThat(s.path("status").asString()).isEqualTo("SUCCEEDED"));

    // The archive catches up: the storage-commitment step, still polling, commits the images.
    world.simulators().archive().committed("ACC-LATE", true);
    driver.awaitState(id, "imaging", "IMAGES_COMMITTED");
    Api.Response resolved =
        api.post(
            "/api/v1/studies/" + id + "/exceptions/" + item.path("exception").asLong() + "/resolve",
            operator("archive backlog cleared; images verified"));
    assertThat(resolved.status()).as(resolved.text()).isEqualTo(200);
    assertThat(driver.lane(id)).isEmpty();
    JsonNode history = api.get("/api/v1/studies/" + id + "/history").json();
    assertThat(
            StreamSupport.stream(history.path("entries").spliterator(), false)
                .map(e -> e.path("transition").path("type").asString(""))
                .filter(t -> t.equals("EXCEPTION_RAISED") || t.equals("EXCEPTION_RESOLVED")))
        .containsExactly("EXCEPTION_RAISED", "EXCEPTION_RESOLVED");
  }

  @Test
  void
      a_national_record_outage_suspends_publication_and_a_verified_rate_limited_release_publishes_each_once()
          throws Exception {
    int studies = 200;
    world.simulators().fault(Service.NATIONAL_RECORD, Fault.down());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < studies; i++) {
      String id = driver.open("ACC-OUT-" + i, "P-OUT-" + i);
      ids.add(id);
      driver.transition(id, "ACQUISITION_STARTED", "acq-start");
      driver.transition(id, "ACQUISITION_COMPLETED", "acq-done");
      driver.transition(id, "REPORT_FINALISED", "report-final");
    }

    await()
        .atMost(Duration.ofMinutes(3))
        .until(
            () ->
                driver.service("national-record").path("steps").path("SUSPENDED").asLong()
                    >= studies);
    JsonNode down = driver.service("national-record");
    assertThat(down.path("state").asString()).isIn("DOWN", "RECOVERED");
    assertThat(world.simulators().simulator(Service.NATIONAL_RECORD).state().resources("document"))
        .isEmpty();
    // Suspended, not failed: no publication step spent its attempts.
    assertThat(down.path("steps").path("FAILED").asLong(0)).isZero();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                api.get("/actuator/prometheus")
                    .text()
                    .contains(
                        "radflow_steps_open{service=\"national-record\",status=\"SUSPENDED\"} "
                            + studies));

    world.simulators().fault(Service.NATIONAL_RECORD, Fault.none());
    await()
        .atMost(PATIENCE)
        .until(
            () -> driver.service("national-record").path("state").asString().equals("RECOVERED"));
    // Release is manual here: recovered, but nothing moves until an operator releases it.
    Thread.sleep(500);
    assertThat(driver.service("national-record").path("steps").path("SUSPENDED").asLong())
        .isEqualTo(studies);

    Api.Response release =
        api.post("/api/v1/services/national-record/release", operator("national record is back"));
    assertThat(release.status()).as(release.text()).isEqualTo(200);

    await()
        .atMost(Duration.ofMinutes(3))
        .until(
            () ->
                ids.stream()
                    .allMatch(
                        id ->
                            driver
                                .study(id)
                                .path("tracks")
                                .path("distribution")
                                .asString()
                                .equals("PUBLISHED")));
    // the release ends (UP) at the first tick that finds fewer suspended steps than a batch, which
    // may come just after the last publication
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> driver.service("national-record").path("state").asString().equals("UP"));
    List<Resource> documents =
        world.simulators().simulator(Service.NATIONAL_RECORD).state().resources("document");
    assertThat(documents).hasSize(studies);
    assertThat(documents.stream().map(d -> d.attribute("accession")).distinct()).hasSize(studies);
    // Released at the configured 100 steps/s: 200 steps take at least about two seconds.
    List<Instant> released =
        ids.stream()
            .flatMap(id -> driver.steps(id).stream())
            .filter(s -> kind(s).equals("PUBLISH_REPORT"))
            .map(s -> Instant.parse(s.path("completedAt").asString()))
            .sorted()
            .toList();
    assertThat(Duration.between(released.get(0), released.get(released.size() - 1)))
        .isGreaterThan(Duration.ofMillis(1500));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private List<Resource> resources(Service service, String kind, String accession) {
    return world.simulators().simulator(service).state().resources(kind, "accession", accession);
  }
}
