package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.radflow.api.StudyDriver.kind;
import static org.radflow.api.StudyDriver.names;
import static org.radflow.api.StudyDriver.operator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.hl7.Hl7Messages;
import org.radflow.hl7.Hl7Service;
import org.radflow.hl7.RawMllp;
import org.radflow.national.DocumentPackage;
import org.radflow.simulator.Fault;
import org.radflow.simulator.Resource;
import org.radflow.simulator.SimulatedIdentity;
import org.radflow.workflow.Service;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A report's life at My Health Record, through real HTTP, the real engine and the simulators: the
 * first upload, an amendment superseding it, removal for each reason, a report withheld from the
 * national record, and an upload whose answer was lost that is never uploaded twice. The national
 * record simulator's own state shows what it holds.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "radflow.mllp.port=0")
class NationalRecordLifecycleTest {

  private static final Duration PATIENCE = Duration.ofSeconds(40);
  private static final String PATIENT_AUTHORITY = "NHS";
  private static final String ORGANISATION = "8003620000000000";
  private static SimulatedWorld world;

  @LocalServerPort int port;
  @Autowired Hl7Service hl7;
  Api api;
  String authority;
  StudyDriver driver;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    world = SimulatedWorld.start("radflow-national-record");
    world.register(
        registry,
        Map.of(
            "radflow.orchestration.images-committed-within", "3s",
            "radflow.orchestration.release-mode", "AUTOMATIC",
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

  // ---- 1. upload -----------------------------------------------------------------------------

  @Test
  void a_finalised_report_is_uploaded_once_for_the_patients_verified_ihi() {
    String id = reported("ACC-UP", "P-UP");

    driver.awaitState(id, "distribution", "PUBLISHED");
    Resource document = single(documents("ACC-UP"));
    String ihi = SimulatedIdentity.ihi(PATIENT_AUTHORITY, "P-UP");
    assertThat(document.status()).isEqualTo("CURRENT");
    assertThat(document.attribute("ihi")).isEqualTo(ihi);
    assertThat(document.attribute("author")).isEqualTo("RAD-UP");
    assertThat(document.attribute("organisation")).isEqualTo(ORGANISATION);
    assertThat(document.attribute("version")).isEqualTo("1");
    assertThat(document.attribute("setId")).isEqualTo(DocumentPackage.setId(UUID.fromString(id)));
    assertThat(document.id())
        .startsWith("2.25.")
        .isEqualTo(DocumentPackage.documentId(UUID.fromString(id), reportSeq(id, 1), ihi));

    JsonNode step =
        api.get("/api/v1/steps/" + driver.stepOf(id, "PUBLISH_REPORT").path("id").asString())
            .json();
    assertThat(step.path("status").asString()).isEqualTo("SUCCEEDED");
    JsonNode retained = step.path("retained");
    assertThat(retained.path("blobRef").asString())
        .as(step.toString())
        .startsWith("blob://sha256/");
    assertThat(retained.path("keyId").asString()).isNotBlank();
    assertThat(retained.path("sizeBytes").asInt()).isPositive();
    // where the request is, never what it says
    assertThat(step.toString()).doesNotContain(ihi);
  }

  // ---- 2. supersede --------------------------------------------------------------------------

  @Test
  void an_amendment_after_publication_supersedes_the_published_document() {
    String id = reported("ACC-AMEND", "P-AMEND");
    driver.awaitState(id, "distribution", "PUBLISHED");
    String original = single(documents("ACC-AMEND")).id();

    driver.transition(id, "REPORT_AMENDED", "amended", author("RAD-AMEND"));

    await().atMost(PATIENCE).until(() -> driver.succeeded(id, "SUPERSEDE_REPORT"));
    assertAmendmentSupersedes("ACC-AMEND", original, id);
  }

  @Test
  void an_amendment_before_the_original_upload_completed_is_accepted_after_it() {
    world.simulators().fault(Service.NATIONAL_RECORD, Fault.slow(2_000));
    String id = reported("ACC-RACE", "P-RACE");
    driver.awaitState(id, "imaging", "REPORT_FINALISED");
    // the original is still on its way to the national record
    assertThat(driver.study(id).path("tracks").path("distribution").asString())
        .isEqualTo("PENDING");
    assertThat(documents("ACC-RACE")).isEmpty();

    driver.transition(id, "REPORT_AMENDED", "amended", author("RAD-RACE"));

    await()
        .atMost(PATIENCE)
        .until(() -> driver.succeeded(id, "PUBLISH_REPORT", "SUPERSEDE_REPORT"));
    world.simulators().fault(Service.NATIONAL_RECORD, Fault.none());
    List<Resource> documents = documents("ACC-RACE");
    assertThat(documents).hasSize(2);
    Resource first =
        documents.stream().filter(d -> d.attribute("supersedes") == null).findFirst().orElseThrow();
    assertAmendmentSupersedes("ACC-RACE", first.id(), id);
  }

  private void assertAmendmentSupersedes(String accession, String original, String id) {
    List<Resource> documents = documents(accession);
    assertThat(documents).hasSize(2);
    Resource first = documents.stream().filter(d -> d.id().equals(original)).findFirst().get();
    Resource amendment =
        documents.stream().filter(d -> !d.id().equals(original)).findFirst().orElseThrow();
    assertThat(first.status()).isEqualTo("SUPERSEDED");
    assertThat(first.attribute("version")).isEqualTo("1");
    assertThat(amendment.status()).isEqualTo("CURRENT");
    assertThat(amendment.attribute("version")).isEqualTo("2");
    assertThat(amendment.attribute("supersedes")).isEqualTo(original);
    assertThat(amendment.attribute("setId")).isEqualTo(first.attribute("setId"));
    assertThat(Long.parseLong(amendment.attribute("acceptedOrder")))
        .isGreaterThan(Long.parseLong(first.attribute("acceptedOrder")));
    String ihi = first.attribute("ihi");
    assertThat(amendment.id())
        .isEqualTo(DocumentPackage.documentId(UUID.fromString(id), reportSeq(id, 2), ihi));
  }

  // ---- 3. remove -----------------------------------------------------------------------------

  @Test
  void a_compensated_study_has_its_document_withdrawn() {
    String id = reported("ACC-WITHDRAW", "P-WITHDRAW");
    driver.awaitState(id, "distribution", "PUBLISHED");

    Api.Response compensated =
        api.post("/api/v1/studies/" + id + "/compensate", operator("ordered for the wrong study"));
    assertThat(compensated.status()).as(compensated.text()).isEqualTo(200);

    await().atMost(PATIENCE).until(() -> driver.succeeded(id, "REMOVE_DOCUMENT"));
    Resource document = single(documents("ACC-WITHDRAW"));
    assertThat(document.status()).isEqualTo("REMOVED");
    assertThat(document.attribute("removalReason")).isEqualTo("WITHDRAWN");
  }

  @Test
  void a_merge_removes_the_misfiled_document_and_publishes_again_for_the_survivor() {
    String id = reported("ACC-MERGE", "P-RETIRED");
    driver.awaitState(id, "distribution", "PUBLISHED");
    String misfiled = single(documents("ACC-MERGE")).id();

    Api.Response merged =
        api.post(
            "/api/v1/patient-merges",
            """
            {"retired": {"assigningAuthority": "%s", "id": "P-RETIRED"},
             "surviving": {"assigningAuthority": "%s", "id": "P-SURVIVOR"},
             "businessTime": "%s", "source": {"system": "pas"}}
            """
                .formatted(PATIENT_AUTHORITY, PATIENT_AUTHORITY, Bodies.BUSINESS_TIME));
    assertThat(merged.status()).as(merged.text()).isEqualTo(200);

    String survivorIhi = SimulatedIdentity.ihi(PATIENT_AUTHORITY, "P-SURVIVOR");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                documents("ACC-MERGE").stream()
                    .anyMatch(
                        d ->
                            d.status().equals("CURRENT")
                                && survivorIhi.equals(d.attribute("ihi"))));
    driver.awaitState(id, "distribution", "PUBLISHED");
    List<Resource> documents = documents("ACC-MERGE");
    assertThat(documents).hasSize(2);
    Resource old = documents.stream().filter(d -> d.id().equals(misfiled)).findFirst().get();
    assertThat(old.status()).isEqualTo("REMOVED");
    assertThat(old.attribute("removalReason")).isEqualTo("INCORRECT_IDENTITY");
    Resource again = documents.stream().filter(d -> !d.id().equals(misfiled)).findFirst().get();
    assertThat(again.attribute("ihi")).isEqualTo(survivorIhi);
    assertThat(again.id())
        .isEqualTo(DocumentPackage.documentId(UUID.fromString(id), reportSeq(id, 1), survivorIhi));
    assertThat(Long.parseLong(again.attribute("acceptedOrder")))
        .isGreaterThan(Long.parseLong(old.attribute("acceptedOrder")));
    assertThat(driver.study(id).path("patient").path("id").asString()).isEqualTo("P-SURVIVOR");
  }

  // ---- 4. do-not-send ------------------------------------------------------------------------

  @Test
  void a_consent_withdrawal_on_the_hl7_order_withholds_the_report() throws Exception {
    String accession = "ACC" + UUID.randomUUID().toString().substring(0, 8);
    String mrn = "MRN" + accession;
    String order =
        Hl7Messages.message(
            Hl7Messages.msh("ORM^O01", "O-" + accession),
            Hl7Messages.pid(mrn),
            Hl7Messages.orc("NW", accession, null, "20261126095500"),
            Hl7Messages.obr(accession, null, null),
            "OBX|1|CE|MHRCONSENT^My Health Record consent||N");
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      String ack = sender.send(order);
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AA");
    }
    String id =
        api.get("/api/v1/studies?accession=" + URLEncoder.encode(accession, StandardCharsets.UTF_8))
            .json()
            .path("items")
            .get(0)
            .path("id")
            .asString();
    driver.awaitState(id, "distribution", "WITHHELD");
    finalise(id, "RAD-HL7");

    assertWithheld(id, accession, "consent");
  }

  @Test
  void a_publication_withheld_through_the_api_withholds_the_report() {
    String id = driver.open("ACC-WITHHOLD", "P-WITHHOLD");
    driver.transition(
        id, "PUBLICATION_WITHHELD", "withhold", "{\"reason\": \"the referrer asked us not to\"}");
    finalise(id, "RAD-WITHHOLD");

    assertWithheld(id, "ACC-WITHHOLD", "the referrer asked us not to");
  }

  private void assertWithheld(String id, String accession, String why) {
    await().atMost(PATIENCE).until(() -> driver.succeeded(id, "SEED_CHARGE"));
    driver.awaitState(id, "imaging", "REPORT_FINALISED");
    JsonNode study = driver.study(id);
    assertThat(study.path("tracks").path("distribution").asString()).isEqualTo("WITHHELD");
    assertThat(names(study.path("status").path("reasons")))
        .as(study.toString())
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("not sent to the national record")
                    .containsIgnoringCase(why));
    assertThat(driver.steps(id)).extracting(StudyDriver::kind).doesNotContain("PUBLISH_REPORT");
    assertThat(documents(accession)).isEmpty();
    assertThat(
            world
                .simulators()
                .simulator(Service.BILLING)
                .state()
                .resources("charge", "accession", accession))
        .singleElement();
  }

  // ---- 5. never uploaded twice ---------------------------------------------------------------

  @Test
  void an_upload_the_record_accepted_whose_answer_was_lost_is_not_uploaded_twice() {
    String id = driver.open("ACC-LOST", "P-LOST");
    driver.awaitState(id, "clinical", "PROCEDURE_SCHEDULED");
    // The national record holds the upload past radflow's 10 s call timeout, then files it: the
    // document is there, but radflow never heard so.
    world
        .simulators()
        .fault(Service.NATIONAL_RECORD, new Fault(Fault.Mode.TIMEOUT, 10_600, 500, 1));
    finalise(id, "RAD-LOST");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                driver.steps(id).stream()
                    .anyMatch(
                        s ->
                            kind(s).equals("PUBLISH_REPORT")
                                && s.path("status").asString().equals("RUNNING")));
    // radflow's retry under the same key is refused, so the step fails to the exception lane...
    world.simulators().fault(Service.NATIONAL_RECORD, Fault.reject());
    await()
        .atMost(PATIENCE)
        .until(
            () -> driver.stepOf(id, "PUBLISH_REPORT").path("status").asString().equals("FAILED"));
    // ...while the held upload was filed after all
    await().atMost(PATIENCE).until(() -> documents("ACC-LOST").size() == 1);
    String filed = documents("ACC-LOST").get(0).id();
    world.simulators().fault(Service.NATIONAL_RECORD, Fault.none());

    // A redrive asks again under a new key: the record already holds the document with this
    // content, which is the earlier upload having happened.
    String stepId = driver.stepOf(id, "PUBLISH_REPORT").path("id").asString();
    Api.Response redrive =
        api.post("/api/v1/steps/" + stepId + "/redrive", operator("national record is back"));
    assertThat(redrive.status()).as(redrive.text()).isEqualTo(200);
    assertThat(redrive.json().path("idempotencyKey").asString()).contains("redrive-");

    await().atMost(PATIENCE).until(() -> driver.succeeded(id, "PUBLISH_REPORT"));
    driver.awaitState(id, "distribution", "PUBLISHED");
    Resource document = single(documents("ACC-LOST"));
    assertThat(document.id()).isEqualTo(filed);
    assertThat(document.status()).isEqualTo("CURRENT");
    JsonNode step = api.get("/api/v1/steps/" + stepId).json();
    assertThat(step.path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(step.path("externalRef").asString()).isEqualTo(filed);
    assertThat(driver.study(id).path("status").path("kind").asString())
        .isNotEqualTo("IN_EXCEPTION");
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A study ordered, imaged and finally reported by {@code RAD-<suffix>}. */
  private String reported(String accession, String patientId) {
    String id = driver.open(accession, patientId);
    finalise(id, "RAD-" + accession.substring(4));
    return id;
  }

  private void finalise(String id, String radiologist) {
    driver.awaitState(id, "clinical", "PROCEDURE_SCHEDULED");
    driver.transition(id, "ACQUISITION_STARTED", "acq-start", "{}");
    driver.transition(id, "ACQUISITION_COMPLETED", "acq-done", "{}");
    driver.transition(id, "REPORT_FINALISED", "report-final", author(radiologist));
  }

  private static String author(String radiologist) {
    return """
        {"reportAuthor": "%s", "reportAuthorName": "Dr %s"}
        """
        .formatted(radiologist, radiologist);
  }

  /** The history position of the change that wrote report version {@code number}. */
  private long reportSeq(String id, int number) {
    JsonNode history = api.get("/api/v1/studies/" + id + "/history").json();
    List<Long> written =
        StreamSupport.stream(history.path("entries").spliterator(), false)
            .filter(e -> !e.path("change").asString("").equals("HELD"))
            .filter(
                e ->
                    List.of("REPORT_FINALISED", "REPORT_AMENDED")
                        .contains(e.path("transition").path("type").asString("")))
            .map(e -> e.path("seq").asLong())
            .sorted()
            .toList();
    assertThat(written).as(history.toString()).hasSizeGreaterThanOrEqualTo(number);
    return written.get(number - 1);
  }

  /** The documents the national record holds for an accession, oldest accepted first. */
  private List<Resource> documents(String accession) {
    return world
        .simulators()
        .simulator(Service.NATIONAL_RECORD)
        .state()
        .resources("document", "accession", accession)
        .stream()
        .sorted(Comparator.comparingLong(d -> Long.parseLong(d.attribute("acceptedOrder"))))
        .toList();
  }

  private static Resource single(List<Resource> documents) {
    assertThat(documents).hasSize(1);
    return documents.get(0);
  }
}
