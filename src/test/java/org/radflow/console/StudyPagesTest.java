package org.radflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.access.Role;
import org.radflow.access.Users;
import org.radflow.api.Api;
import org.radflow.api.Bodies;
import org.radflow.api.SimulatedWorld;
import org.radflow.api.StudyDriver;
import org.radflow.simulator.Fault;
import org.radflow.workflow.Service;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * The study search, the study page and the exception lane over real HTTP, signed in with the form:
 * each page read against the API, each action's effect read back through the API and its audit, and
 * a viewer shown no action and refused one. A study fails for real: the simulated identity service
 * finds no IHI for its patient, so the engine's identity step fails into the exception lane.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "radflow.mllp.port=0")
class StudyPagesTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String PASSWORD = "correct horse battery";
  private static SimulatedWorld world;

  @LocalServerPort int port;
  @Autowired Users users;
  Api api;
  StudyDriver driver;
  String run;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    world = SimulatedWorld.start("radflow-console-studies");
    // released by itself once the identity service is verified again, so no test inherits an outage
    world.register(registry, Map.of("radflow.orchestration.release-mode", "AUTOMATIC"));
  }

  @AfterAll
  static void stopSimulators() {
    world.close();
  }

  @BeforeEach
  void connect() {
    api = world.admin(port);
    driver = new StudyDriver(api, Bodies.uniqueAuthority(), PATIENCE);
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void heal() {
    world.simulators().identity().unknownPatients(List.of());
    world.healAll();
  }

  @Test
  void search_finds_a_failed_study_whose_page_shows_its_tracks_why_steps_and_timeline() {
    Failed failed = failedStudy("ACC-SEARCH-" + run);
    ConsoleSession viewer = signIn(Role.VIEWER);

    String results = text(viewer.html("/console/studies?accession=" + failed.accession()));
    assertThat(results)
        .contains("id=\"results\"")
        .contains("href=\"/console/studies/" + failed.id() + "\"")
        .contains("IN_EXCEPTION")
        .contains("IDENTITY_EXCEPTION");
    assertThat(
            text(
                viewer.html(
                    "/console/studies?status=IN_EXCEPTION&trackState=CLINICAL:IDENTITY_EXCEPTION"
                        + "&accession="
                        + failed.accession())))
        .contains(failed.accession());
    assertThat(text(viewer.html("/console/studies?accession=ACC-NONE-" + run)))
        .contains("No study matches.");
    // its failed identity step is unfinished work at the identity service, and it is minutes old
    assertThat(
            text(viewer.html("/console/studies?service=identity&accession=" + failed.accession())))
        .contains("href=\"/console/studies/" + failed.id() + "\"");
    assertThat(
            text(viewer.html("/console/studies?service=billing&accession=" + failed.accession())))
        .contains("No study matches.");
    assertThat(
            text(viewer.html("/console/studies?olderThanHours=1&accession=" + failed.accession())))
        .contains("No study matches.");
    assertThat(
            text(viewer.html("/console/studies?olderThanHours=0&accession=" + failed.accession())))
        .contains("href=\"/console/studies/" + failed.id() + "\"");

    JsonNode study = driver.study(failed.id());
    String page = text(viewer.html("/console/studies/" + failed.id()));
    assertThat(page)
        .contains(failed.accession())
        .contains("id=\"track-CLINICAL\"")
        .contains(study.path("tracks").path("clinical").asString())
        .contains(study.path("tracks").path("imaging").asString())
        .contains("id=\"why\"")
        .contains(study.path("status").path("reasons").get(0).asString())
        .contains("id=\"why-steps\"")
        .contains("VALIDATE_IDENTITY")
        .contains("id=\"step-" + failed.step() + "\"")
        .contains("FAILED")
        .doesNotContain("id=\"redrive-"); // a viewer
    for (JsonNode entry : driver.history(failed.id())) {
      assertThat(page).contains("id=\"entry-" + entry.path("seq").asLong() + "\"");
    }
    assertThat(page).contains("opened as SCHEDULED").contains("IDENTITY_REJECTED");
  }

  @Test
  void a_bad_criterion_is_refused_above_the_form_and_a_patient_search_is_audited() {
    ConsoleSession viewer = signIn(Role.VIEWER);
    String refused = text(viewer.html("/console/studies?trackState=IMAGING:NOT_A_STATE"));
    assertThat(refused).contains("id=\"refusal\"").contains("'NOT_A_STATE' is not a state");
    assertThat(text(viewer.html("/console/studies?patientId=P-ALONE")))
        .contains("patientAuthority and patientId go together");

    Failed failed = failedStudy("ACC-PATIENT-" + run);
    String byPatient =
        text(viewer.html("/console/studies?patientAuthority=NHS&patientId=" + failed.patient()));
    assertThat(byPatient).contains(failed.accession());
    JsonNode audit = api.get("/api/v1/audit?limit=50").json();
    assertThat(audit.toString())
        .contains("search-by-patient")
        .contains("patient NHS/" + failed.patient());
  }

  @Test
  void an_operator_redrives_a_failed_step_through_its_form() {
    Failed failed = failedStudy("ACC-REDRIVE-" + run);
    String operator = "op-" + run;
    ConsoleSession session = signIn(operator, Role.OPERATOR);
    String self = "/console/studies/" + failed.id();
    assertThat(session.html(self)).contains("id=\"redrive-" + failed.step() + "\"");

    world.simulators().identity().unknownPatients(List.of());
    HttpResponse<String> back =
        session.submit(
            "/console/steps/" + failed.step() + "/redrive",
            Map.of("reason", "patient registered with the IHI service", "back", self));
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(text(back.body())).contains("VALIDATE_IDENTITY redriven");

    JsonNode step = api.get("/api/v1/steps/" + failed.step()).json();
    assertThat(step.path("redrives").asInt()).isEqualTo(1);
    driver.awaitState(failed.id(), "clinical", "PROCEDURE_SCHEDULED");
    JsonNode audit = api.get("/api/v1/audit?study=" + failed.id()).json().get(0);
    assertThat(audit.path("action").asString()).isEqualTo("REDRIVE");
    assertThat(audit.path("actor").asString()).isEqualTo(operator);
    assertThat(audit.path("reason").asString())
        .isEqualTo("patient registered with the IHI service");

    // a second redrive of a step that no longer failed is refused, in words, on the same page
    HttpResponse<String> again =
        session.submit(
            "/console/steps/" + failed.step() + "/redrive",
            Map.of("reason", "again", "back", self));
    assertThat(text(again.body())).contains("class=\"flash bad\"");
    HttpResponse<String> noReason =
        session.submit("/console/steps/" + failed.step() + "/redrive", Map.of("back", self));
    assertThat(text(noReason.body())).contains("reason is required");
  }

  @Test
  void an_operator_resolves_an_exception_with_a_note_and_the_audit_names_them() {
    Failed failed = failedStudy("ACC-RESOLVE-" + run);
    String operator = "resolver-" + run;
    ConsoleSession session = signIn(operator, Role.OPERATOR);
    String self = "/console/studies/" + failed.id();
    assertThat(session.html(self)).contains("id=\"resolve-" + failed.exception() + "\"");

    HttpResponse<String> back =
        session.submit(
            self + "/exceptions/" + failed.exception() + "/resolve",
            Map.of("reason", "identity confirmed by phone with the ward", "back", self));
    assertThat(text(back.body())).contains("resolved");

    assertThat(driver.study(failed.id()).path("exceptions").isEmpty()).isTrue();
    assertThat(driver.lane(failed.id())).isEmpty();
    JsonNode audit = api.get("/api/v1/audit?study=" + failed.id()).json().get(0);
    assertThat(audit.path("action").asString()).isEqualTo("RESOLVE");
    assertThat(audit.path("actor").asString()).isEqualTo(operator);
    assertThat(audit.path("reason").asString())
        .isEqualTo("identity confirmed by phone with the ward");
  }

  @Test
  void the_lane_filters_and_an_operator_acts_on_two_selected_items_at_once() {
    Failed first = failedStudy("ACC-BULK-1-" + run);
    Failed second = failedStudy("ACC-BULK-2-" + run);
    ConsoleSession session = signIn("bulk-" + run, Role.OPERATOR);

    String lane = text(session.html("/console/exceptions?kind=STEP_FAILED&service=IDENTITY"));
    assertThat(lane)
        .contains("id=\"bulk\"")
        .contains(first.accession())
        .contains(second.accession())
        .contains("value=\"" + first.item() + "\"")
        .contains("value=\"" + second.item() + "\"");
    assertThat(text(session.html("/console/exceptions?kind=DEADLINE_MISSED")))
        .doesNotContain(first.accession());
    assertThat(text(session.html("/console/exceptions?minAgeMinutes=600")))
        .doesNotContain(first.accession());
    assertThat(text(session.html("/console/exceptions?minAgeMinutes=soon")))
        .contains("minimum age is a whole number of minutes");

    session.html("/console/exceptions?kind=STEP_FAILED");
    HttpResponse<String> back =
        session.submitAll(
            "/console/exceptions/act",
            List.of(
                Map.entry("action", "RESOLVE"),
                Map.entry("reason", "both patients registered by hand"),
                Map.entry("item", first.item()),
                Map.entry("item", second.item()),
                Map.entry("item", "not-an-item"),
                Map.entry("back", "/console/exceptions?kind=STEP_FAILED")));
    String flash = text(back.body());
    assertThat(flash).contains("resolve: 2 items done").contains("'not-an-item' is not an item");
    assertThat(driver.lane(first.id())).isEmpty();
    assertThat(driver.lane(second.id())).isEmpty();
    assertThat(
            api.get("/api/v1/audit?study=" + second.id()).json().get(0).path("reason").asString())
        .isEqualTo("both patients registered by hand");
  }

  @Test
  void a_viewer_sees_no_action_form_and_its_posts_are_refused_with_nothing_changed() {
    Failed failed = failedStudy("ACC-VIEWER-" + run);
    ConsoleSession viewer = signIn(Role.VIEWER);
    String page = viewer.html("/console/studies/" + failed.id());
    String lane = viewer.html("/console/exceptions");
    for (String html : List.of(page, lane)) {
      assertThat(html)
          .doesNotContain("id=\"redrive-")
          .doesNotContain("id=\"resolve-")
          .doesNotContain("id=\"compensate\"")
          .doesNotContain("id=\"bulk\"")
          .doesNotContain("id=\"act-");
    }
    assertThat(lane).contains(failed.accession());

    String self = "/console/studies/" + failed.id();
    List<HttpResponse<String>> refused =
        List.of(
            viewer.post(
                "/console/steps/" + failed.step() + "/redrive",
                Map.of("reason", "not mine", "back", self)),
            viewer.post(self + "/compensate", Map.of("reason", "not mine", "back", self)),
            viewer.post(
                self + "/exceptions/" + failed.exception() + "/resolve",
                Map.of("reason", "not mine", "back", self)),
            viewer.post(
                "/console/exceptions/act",
                Map.of("action", "RESOLVE", "item", failed.item(), "reason", "not mine")));
    assertThat(refused).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(403));

    JsonNode step = api.get("/api/v1/steps/" + failed.step()).json();
    assertThat(step.path("status").asString()).isEqualTo("FAILED");
    assertThat(step.path("redrives").asInt()).isZero();
    assertThat(driver.lane(failed.id())).hasSize(1);
    assertThat(api.get("/api/v1/audit?study=" + failed.id()).json().isEmpty()).isTrue();
  }

  @Test
  void a_study_whose_service_is_down_says_so_with_the_suspended_step_and_since_when() {
    world.simulators().fault(Service.IDENTITY, Fault.down());
    String id = driver.open("ACC-DOWN-" + run, "P-DOWN-" + run);
    await()
        .atMost(PATIENCE)
        .until(() -> driver.study(id).path("status").path("kind").asString().equals("SUSPENDED"));
    String page = text(signIn(Role.VIEWER).html("/console/studies/" + id));
    assertThat(page)
        .contains("id=\"why-step\"")
        .contains("VALIDATE_IDENTITY")
        .contains("id=\"why-service\"")
        .contains(Service.IDENTITY.description())
        .contains(driver.service("identity").path("state").asString())
        .contains(driver.study(id).path("status").path("reasons").get(0).asString());
    world.simulators().fault(Service.IDENTITY, Fault.none());
    driver.awaitState(id, "clinical", "PROCEDURE_SCHEDULED");
  }

  @Test
  void a_form_without_its_page_token_is_refused_even_for_an_operator() {
    Failed failed = failedStudy("ACC-CSRF-" + run);
    // signed in, but no page read: the form carries no CSRF token, as a forged one would not
    ConsoleSession operator = signIn("csrf-" + run, Role.OPERATOR);
    HttpResponse<String> forged =
        operator.post(
            "/console/steps/" + failed.step() + "/redrive",
            Map.of("reason", "forged", "back", "/console"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("Not allowed"); // the console's refusal page
    assertThat(api.get("/api/v1/steps/" + failed.step()).json().path("redrives").asInt()).isZero();
  }

  @Test
  void a_late_join_is_marked_its_facts_attested_and_its_references_links_never_content() {
    String accession = "ACC-LATE-" + run;
    String body =
        """
        {"assigningAuthority": "%s", "accessionNumber": "%s",
         "patient": {"assigningAuthority": "NHS", "id": "P-LATE-%s"},
         "entryKind": "ENCOUNTER", "joinedAt": "IMAGES_COMMITTED",
         "businessTime": "%s", "source": {"system": "modality", "messageRef": "MOD-7"},
         "references": [{"kind": "viewer", "uri": "https://pacs.example.org/studies/%s"},
                        {"kind": "order", "uri": "blob://orders/%s"}]}
        """
            .formatted(
                driver.authority(), accession, run, Bodies.BUSINESS_TIME, accession, accession);
    Api.Response created = api.post("/api/v1/studies", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asString();
    assertThat(created.json().path("facts").toString()).contains("ATTESTED");

    String page = text(signIn(Role.VIEWER).html("/console/studies/" + id));
    assertThat(page)
        .contains("class=\"latejoin\"")
        .contains("joined late as ENCOUNTER at imaging state IMAGES_COMMITTED")
        .contains(">ATTESTED<")
        .contains("href=\"https://pacs.example.org/studies/" + accession + "\"")
        .contains(">blob://orders/" + accession + "</code>")
        .doesNotContain("href=\"blob:")
        .contains("MOD-7");
  }

  @Test
  void an_unknown_study_is_a_404_in_the_console_frame() {
    ConsoleSession viewer = signIn(Role.VIEWER);
    HttpResponse<String> unknown = viewer.page("/console/studies/" + UUID.randomUUID());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("No such study").contains("Sign out");
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A study whose identity step failed for good, and its item in the exception lane. */
  record Failed(
      String id, String accession, String patient, String step, long exception, String item) {}

  private Failed failedStudy(String accession) {
    String patient = "P-" + accession;
    world.simulators().identity().unknownPatient(patient);
    String id = driver.open(accession, patient);
    JsonNode item = driver.awaitLaneItem(id, "STEP_FAILED");
    String step = item.path("step").asString();
    long exception = item.path("exception").asLong();
    return new Failed(id, accession, patient, step, exception, id + "/" + exception + "/" + step);
  }

  private ConsoleSession signIn(Role role) {
    return signIn(role.name().toLowerCase() + "-" + run, role);
  }

  private ConsoleSession signIn(String username, Role role) {
    users.create(username, Set.of(role), PASSWORD, "test");
    return ConsoleSession.signIn(port, username, PASSWORD);
  }

  /** A page's HTML with its entities decoded, so text reads as the person sees it. */
  private static String text(String html) {
    return HtmlUtils.htmlUnescape(html);
  }
}
