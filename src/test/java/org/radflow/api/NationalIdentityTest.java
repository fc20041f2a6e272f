package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.radflow.api.StudyDriver.kind;
import static org.radflow.api.StudyDriver.names;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.radflow.hl7.Hl7Messages;
import org.radflow.hl7.Hl7Service;
import org.radflow.hl7.RawMllp;
import org.radflow.simulator.Fault;
import org.radflow.simulator.Resource;
import org.radflow.simulator.SimulatedIdentity;
import org.radflow.study.IhiNumberStatus;
import org.radflow.study.IhiRecordStatus;
import org.radflow.workflow.Service;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The national identity of a study end to end: patients registered with the simulated HI Service
 * over its control API, studies opened over the API or HL7, the real engine looking their IHIs up.
 * An IHI may be used only when its record is VERIFIED and its number ACTIVE or DECEASED; a RESOLVED
 * number is followed to its survivor; a stale validation is looked up again before a publication.
 *
 * <p>The IHI may be eight seconds old here, so the age tests take seconds, not hours; no other test
 * publishes, so the setting changes nothing for them.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "radflow.mllp.port=0")
class NationalIdentityTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /**
   * Longer than the engine's five seconds before a waiting step looks again, or a publication would
   * find the IHI stale again each time it wakes after the revalidation.
   */
  private static final Duration MAX_AGE = Duration.ofSeconds(8);

  private static final String PATIENTS = "NHS"; // Bodies.openStudy's patient authority
  private static final HttpClient CONTROL = HttpClient.newHttpClient();
  private static SimulatedWorld world;

  @LocalServerPort int port;
  @Autowired Hl7Service hl7;
  Api api;
  String authority;
  String run;
  StudyDriver driver;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    world = SimulatedWorld.start("radflow-identity");
    world.register(registry, Map.of("radflow.national.ihi-max-age", MAX_AGE.toSeconds() + "s"));
  }

  @AfterAll
  static void stopSimulators() {
    world.close();
  }

  @BeforeEach
  void connect() {
    api = world.admin(port);
    authority = Bodies.uniqueAuthority();
    run = UUID.randomUUID().toString().substring(0, 8);
    driver = new StudyDriver(api, authority, PATIENCE);
  }

  @AfterEach
  void healFaults() {
    world.healAll();
  }

  // ---- 1. every number status × record status ------------------------------------------------

  static Stream<Arguments> statuses() {
    List<Arguments> all = new ArrayList<>();
    for (IhiNumberStatus number : IhiNumberStatus.values()) {
      for (IhiRecordStatus record : IhiRecordStatus.values()) {
        all.add(Arguments.of(number, record));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("statuses")
  void an_ihi_is_used_only_when_verified_and_active_or_deceased_and_a_resolved_one_is_followed(
      IhiNumberStatus number, IhiRecordStatus record) {
    assertThat(IhiNumberStatus.values()).hasSize(5);
    assertThat(IhiRecordStatus.values()).hasSize(3);
    String patientId = "P-" + number + "-" + record + "-" + run;
    String ihi = SimulatedIdentity.ihi("IDT", patientId);
    String survivor = SimulatedIdentity.ihi("IDT-SURVIVOR", patientId);
    Map<String, Object> patient = patient(PATIENTS, patientId, ihi, number, record);
    if (number == IhiNumberStatus.RESOLVED) {
      patient.put("resolvedTo", survivor);
    }
    register(patient);

    String id = driver.open("ACC-ST-" + run, patientId);

    boolean usable =
        record == IhiRecordStatus.VERIFIED
            && (number == IhiNumberStatus.ACTIVE || number == IhiNumberStatus.DECEASED);
    if (usable || number == IhiNumberStatus.RESOLVED) {
      JsonNode validated = driver.awaitHistoryEntry(id, "IDENTITY_VALIDATED");
      JsonNode attributes = driver.study(id).path("attributes");
      assertThat(driver.study(id).path("tracks").path("clinical").asString())
          .isIn("IDENTITY_VALIDATED", "PROCEDURE_SCHEDULED");
      assertThat(driver.study(id).path("facts").toString()).contains("IDENTITY_VALIDATED");
      assertThat(attributes.path("ihiValidatedAt").asString()).isNotBlank();
      assertThat(attributes.has("ihiUnusable")).isFalse();
      if (usable) {
        assertThat(attributes.path("ihi").asString()).isEqualTo(ihi);
        assertThat(attributes.path("ihiNumberStatus").asString()).isEqualTo(number.name());
        assertThat(attributes.path("ihiRecordStatus").asString()).isEqualTo(record.name());
        assertThat(validated.path("transition").path("data").has("resolvedFrom")).isFalse();
      } else {
        // the follow-up search found the implicit survivor, ACTIVE and VERIFIED
        assertThat(attributes.path("ihi").asString()).isEqualTo(survivor);
        assertThat(attributes.path("ihiNumberStatus").asString()).isEqualTo("ACTIVE");
        assertThat(attributes.path("ihiRecordStatus").asString()).isEqualTo("VERIFIED");
        assertThat(validated.path("transition").path("data").path("resolvedFrom").asString())
            .isEqualTo(ihi);
      }
      assertThat(driver.lane(id)).isEmpty();
      return;
    }
    String status =
        number == IhiNumberStatus.RETIRED || number == IhiNumberStatus.EXPIRED
            ? number.name()
            : record.name();
    JsonNode item = driver.awaitLaneItem(id, "STEP_FAILED");
    assertThat(item.path("reason").asString()).contains(status).contains(ihi);
    assertThat(names(item.path("actions"))).contains("REDRIVE", "RESOLVE");
    JsonNode study = driver.study(id);
    assertThat(study.path("tracks").path("clinical").asString()).isEqualTo("IDENTITY_EXCEPTION");
    assertThat(study.path("exceptions"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("reason").asString()).contains(status));
    assertThat(study.path("attributes").has("ihiValidatedAt")).isFalse();
    assertThat(driver.historyTypes(id))
        .contains("IDENTITY_REJECTED")
        .doesNotContain("IDENTITY_VALIDATED");
  }

  // ---- 2. revalidation by age ----------------------------------------------------------------

  /**
   * Two studies validated at the same time, so they share the wait past the maximum age: one
   * patient's IHI is still good, the other's was retired meanwhile.
   */
  @Test
  void a_publication_after_the_maximum_age_looks_the_ihi_up_again_first() throws Exception {
    String good = "P-AGE-" + run;
    String goodIhi = SimulatedIdentity.ihi("IDT", good);
    String gone = "P-RET-" + run;
    String goneIhi = SimulatedIdentity.ihi("IDT", gone);
    register(patient(PATIENTS, good, goodIhi, IhiNumberStatus.ACTIVE, IhiRecordStatus.VERIFIED));
    register(patient(PATIENTS, gone, goneIhi, IhiNumberStatus.ACTIVE, IhiRecordStatus.VERIFIED));
    String goodAccession = "ACC-AGE-" + run;
    String goneAccession = "ACC-RET-" + run;
    String id = driver.open(goodAccession, good);
    String retired = driver.open(goneAccession, gone);
    Instant validatedAt = imagedAfterValidation(id);
    Instant retiredValidatedAt = imagedAfterValidation(retired);
    register(patient(PATIENTS, gone, goneIhi, IhiNumberStatus.RETIRED, IhiRecordStatus.VERIFIED));
    sleepPast(max(validatedAt, retiredValidatedAt).plus(MAX_AGE).plusMillis(500));

    driver.transition(id, "REPORT_FINALISED", "report-" + run);
    driver.transition(retired, "REPORT_FINALISED", "report-ret-" + run);

    // still good: looked up again, then published with that IHI
    driver.awaitState(id, "distribution", "PUBLISHED");
    assertThat(driver.historyTypes(id))
        .containsSubsequence(
            "IDENTITY_VALIDATED",
            "REPORT_FINALISED",
            "IDENTITY_REVALIDATION_REQUESTED",
            "IDENTITY_REVALIDATED",
            "REPORT_PUBLISHED");
    assertThat(driver.steps(id))
        .filteredOn(s -> kind(s).equals("VALIDATE_IDENTITY"))
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(s -> assertThat(s.path("status").asString()).isEqualTo("SUCCEEDED"));
    JsonNode attributes = driver.study(id).path("attributes");
    assertThat(attributes.path("ihi").asString()).isEqualTo(goodIhi);
    assertThat(attributes.has("ihiRevalidation")).isFalse();
    assertThat(Instant.parse(attributes.path("ihiValidatedAt").asString()))
        .isAfter(validatedAt.plus(MAX_AGE));
    List<JsonNode> documents = documents(goodAccession);
    assertThat(documents).hasSize(1);
    assertThat(documents.get(0).path("attributes").path("ihi").asString()).isEqualTo(goodIhi);
    assertThat(driver.lane(id)).isEmpty();

    // retired meanwhile: invalidated, an exception names why, and nothing is uploaded
    driver.awaitHistoryEntry(retired, "IDENTITY_INVALIDATED");
    JsonNode item = driver.awaitLaneItem(retired, "STEP_FAILED");
    assertThat(item.path("reason").asString()).contains("RETIRED");
    assertThat(names(item.path("actions"))).contains("REDRIVE", "RESOLVE");
    assertThat(driver.historyTypes(retired))
        .containsSubsequence(
            "IDENTITY_VALIDATED", "IDENTITY_REVALIDATION_REQUESTED", "IDENTITY_INVALIDATED")
        .doesNotContain("IDENTITY_REVALIDATED", "REPORT_PUBLISHED");
    assertThat(driver.study(retired).path("attributes").path("ihiUnusable").asString())
        .contains("RETIRED");
    assertThat(driver.steps(retired))
        .filteredOn(s -> kind(s).equals("PUBLISH_REPORT"))
        .singleElement()
        .satisfies(s -> assertThat(s.path("status").asString()).isEqualTo("PENDING"));
    assertThat(driver.study(retired).path("tracks").path("distribution").asString())
        .isNotEqualTo("PUBLISHED");
    assertThat(documents(goneAccession)).isEmpty();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  // ---- 3. a merge revalidates ----------------------------------------------------------------

  @Test
  void a_merge_of_a_validated_patient_looks_the_survivors_ihi_up() {
    String retired = "P-MRG-OLD-" + run;
    String surviving = "P-MRG-NEW-" + run;
    String id = driver.open("ACC-MRG-" + run, retired);
    driver.awaitHistoryEntry(id, "IDENTITY_VALIDATED");
    assertThat(driver.study(id).path("attributes").path("ihi").asString())
        .isEqualTo(SimulatedIdentity.ihi(PATIENTS, retired));
    // a slow HI Service keeps the revalidation in flight long enough to see it asked for
    world.simulators().fault(Service.IDENTITY, Fault.slow(3000));

    Api.Response merged =
        api.post(
            "/api/v1/patient-merges",
            """
            {"retired": {"assigningAuthority": "%s", "id": "%s"},
             "surviving": {"assigningAuthority": "%s", "id": "%s"},
             "source": {"system": "pas", "messageRef": "A40-%s"}}
            """
                .formatted(PATIENTS, retired, PATIENTS, surviving, run));
    assertThat(merged.status()).as(merged.text()).isEqualTo(200);

    JsonNode asked = driver.study(id);
    assertThat(asked.path("patient").path("id").asString()).isEqualTo(surviving);
    assertThat(asked.path("attributes").path("ihiRevalidation").asString()).contains(surviving);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                driver.steps(id).stream().filter(s -> kind(s).equals("VALIDATE_IDENTITY")).count()
                    == 2);
    world.simulators().fault(Service.IDENTITY, Fault.none());

    driver.awaitHistoryEntry(id, "IDENTITY_REVALIDATED");
    assertThat(driver.historyTypes(id))
        .containsSubsequence("PATIENT_MERGED", "IDENTITY_REVALIDATED");
    JsonNode attributes = driver.study(id).path("attributes");
    assertThat(attributes.has("ihiRevalidation")).isFalse();
    assertThat(attributes.path("ihi").asString())
        .isEqualTo(SimulatedIdentity.ihi(PATIENTS, surviving));
  }

  // ---- 4. HL7 search keys --------------------------------------------------------------------

  @Test
  void an_orders_medicare_number_and_demographics_reach_the_hi_service() throws Exception {
    String family = "IDTFAM" + letters();
    String mrn = "MRN-KEY-" + run;
    String ihi = SimulatedIdentity.ihi("IDT-MC", mrn);
    register(medicarePatient(mrn, ihi, family));
    String accession = "ACCKEY" + run;

    String id = order(accession, mrn, family, "19800101");

    JsonNode validated = driver.awaitHistoryEntry(id, "IDENTITY_VALIDATED");
    assertThat(validated.path("transition").path("data").path("ihi").asString()).isEqualTo(ihi);
    assertThat(driver.study(id).path("attributes").path("ihi").asString()).isEqualTo(ihi);
    JsonNode step =
        driver.steps(id).stream()
            .filter(s -> kind(s).equals("VALIDATE_IDENTITY"))
            .findFirst()
            .get();
    JsonNode retained =
        api.get("/api/v1/steps/" + step.path("id").asString()).json().path("retained");
    assertThat(retained.path("blobRef").asString()).startsWith("blob://");
    assertThat(retained.path("keyId").asString()).isNotBlank();
    assertThat(retained.path("sizeBytes").asInt()).isPositive();
    String json = api.get("/api/v1/studies/" + id).text();
    assertThat(json)
        .doesNotContainIgnoringCase(family)
        .doesNotContain("19800101")
        .doesNotContain("1980-01-01");
  }

  @Test
  void an_order_whose_date_of_birth_the_hi_service_does_not_hold_finds_no_ihi() throws Exception {
    String family = "IDTFAM" + letters();
    String mrn = "MRN-DOB-" + run;
    register(medicarePatient(mrn, SimulatedIdentity.ihi("IDT-MC", mrn), family));
    String accession = "ACCDOB" + run;

    String id = order(accession, mrn, family, "19800102");

    JsonNode item = driver.awaitLaneItem(id, "STEP_FAILED");
    assertThat(item.path("reason").asString()).contains("IHI_NOT_FOUND");
    assertThat(driver.study(id).path("tracks").path("clinical").asString())
        .isEqualTo("IDENTITY_EXCEPTION");
    assertThat(driver.study(id).path("attributes").has("ihi")).isFalse();
    assertThat(api.get("/api/v1/studies/" + id).text())
        .doesNotContainIgnoringCase(family)
        .doesNotContain("19800102");
  }

  // ---- 5. a patient update naming another IHI ------------------------------------------------

  @Test
  void a_patient_update_naming_another_ihi_looks_it_up_again_and_the_same_ihi_asks_nothing()
      throws Exception {
    String family = "IDTFAM" + letters();
    String mrn = "MRN-A08-" + run;
    String first = SimulatedIdentity.ihi("IDT-A08", mrn);
    register(medicarePatient(mrn, first, family));
    String id = order("ACCA08" + run, mrn, family, "19800101");
    driver.awaitHistoryEntry(id, "IDENTITY_VALIDATED");

    // the same IHI again: nothing is asked
    assertThat(patientUpdate(mrn, family, first, "A08-SAME-" + run)).isEqualTo("AA");
    assertThat(driver.study(id).path("attributes").has("ihiRevalidation")).isFalse();
    assertThat(driver.steps(id).stream().filter(s -> kind(s).equals("VALIDATE_IDENTITY")))
        .hasSize(1);

    // the HI Service now holds another IHI for the patient, and the PAS says so
    String second = SimulatedIdentity.ihi("IDT-A08", mrn + "-NEW");
    register(medicarePatient(mrn, second, family));
    assertThat(patientUpdate(mrn, family, second, "A08-OTHER-" + run)).isEqualTo("AA");

    JsonNode revalidated = driver.awaitHistoryEntry(id, "IDENTITY_REVALIDATED");
    assertThat(revalidated.path("transition").path("data").path("ihi").asString())
        .isEqualTo(second);
    assertThat(driver.historyTypes(id)).contains("IDENTITY_REVALIDATION_REQUESTED");
    assertThat(driver.study(id).path("attributes").path("ihi").asString()).isEqualTo(second);
    assertThat(driver.steps(id).stream().filter(s -> kind(s).equals("VALIDATE_IDENTITY")))
        .hasSize(2);
  }

  @Test
  void a_result_naming_another_ihi_has_the_ihi_looked_up_again_before_publication()
      throws Exception {
    String family = "IDTFAM" + letters();
    String mrn = "MRN-ORU-" + run;
    String first = SimulatedIdentity.ihi("IDT-ORU", mrn);
    register(medicarePatient(mrn, first, family));
    String accession = "ACCORU" + run;
    String id = order(accession, mrn, family, "19800101");
    imagedAfterValidation(id);

    String second = SimulatedIdentity.ihi("IDT-ORU", mrn + "-NEW");
    register(medicarePatient(mrn, second, family));
    String pid =
        "PID|1||"
            + mrn
            + "^^^"
            + Hl7Messages.AUTHORITY
            + "^MR~29509742021^^^AUSHIC^MC~"
            + second
            + "^^^AUSHIC^NI||"
            + family
            + "^JANE||19800101|F";
    String result =
        Hl7Messages.message(
            Hl7Messages.msh("ORU^R01", "R-" + accession),
            pid,
            Hl7Messages.orc("RE", accession, "CM", null),
            Hl7Messages.obr(accession, "F", "20261126120000"),
            "OBX|1|TX|IMP^Impression||No acute findings||||||F");
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      String ack = sender.send(result);
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AA");
    }

    driver.awaitState(id, "distribution", "PUBLISHED");
    assertThat(driver.historyTypes(id))
        .containsSubsequence(
            "REPORT_FINALISED",
            "IDENTITY_REVALIDATION_REQUESTED",
            "IDENTITY_REVALIDATED",
            "REPORT_PUBLISHED");
    assertThat(documents(accession))
        .singleElement()
        .satisfies(d -> assertThat(d.path("attributes").path("ihi").asString()).isEqualTo(second));
  }

  /**
   * Sends an ADT^A08 whose PID names {@code ihi} beside the MRN and Medicare number: its ACK code.
   */
  private String patientUpdate(String mrn, String family, String ihi, String controlId)
      throws Exception {
    String message =
        Hl7Messages.message(
            Hl7Messages.msh("ADT^A08", controlId),
            "EVN|A08|20261126090000",
            "PID|1||"
                + mrn
                + "^^^"
                + Hl7Messages.AUTHORITY
                + "^MR~29509742021^^^AUSHIC^MC~"
                + ihi
                + "^^^AUSHIC^NI||"
                + family
                + "^JANE||19800101|F",
            "PV1|1|O");
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      return RawMllp.code(sender.send(message));
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Map<String, Object> patient(
      String assigning,
      String patientId,
      String ihi,
      IhiNumberStatus number,
      IhiRecordStatus record) {
    Map<String, Object> patient = new LinkedHashMap<>();
    patient.put("authority", assigning);
    patient.put("patientId", patientId);
    patient.put("ihi", ihi);
    patient.put("numberStatus", number.name());
    patient.put("recordStatus", record.name());
    return patient;
  }

  private static Map<String, Object> medicarePatient(String mrn, String ihi, String family) {
    Map<String, Object> patient =
        patient(Hl7Messages.AUTHORITY, mrn, ihi, IhiNumberStatus.ACTIVE, IhiRecordStatus.VERIFIED);
    patient.put("medicare", Map.of("number", "2950974202", "irn", "1"));
    patient.put("familyName", family);
    patient.put("givenName", "JANE");
    patient.put("dateOfBirth", "1980-01-01");
    patient.put("sex", "F");
    return patient;
  }

  /** Registers {@code patient} with the HI Service through the cluster's control API. */
  private static void register(Map<String, Object> patient) {
    String body = Api.JSON.writeValueAsString(Map.of("patients", List.of(patient)));
    control(
        control("/identity/patients")
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Sends an ORM^O01 NW whose PID carries a Medicare number and demographics; the study's id. */
  private String order(String accession, String mrn, String family, String dateOfBirth)
      throws Exception {
    String pid =
        "PID|1||"
            + mrn
            + "^^^"
            + Hl7Messages.AUTHORITY
            + "^MR~29509742021^^^AUSHIC^MC||"
            + family
            + "^JANE||"
            + dateOfBirth
            + "|F";
    String message =
        Hl7Messages.message(
            Hl7Messages.msh("ORM^O01", "O-" + accession),
            pid,
            Hl7Messages.orc("NW", accession, null, "20261126095500"),
            Hl7Messages.obr(accession, null, null));
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      String ack = sender.send(message);
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AA");
    }
    JsonNode items =
        api.get("/api/v1/studies?accession=" + URLEncoder.encode(accession, StandardCharsets.UTF_8))
            .json()
            .path("items");
    assertThat(items.size()).as(items.toString()).isEqualTo(1);
    return items.get(0).path("id").asString();
  }

  /** Waits for the identity, images the study until the archive commits: the validation time. */
  private Instant imagedAfterValidation(String id) {
    driver.awaitHistoryEntry(id, "IDENTITY_VALIDATED");
    driver.awaitState(id, "clinical", "PROCEDURE_SCHEDULED");
    driver.transition(id, "ACQUISITION_STARTED", "acq-start-" + run);
    driver.transition(id, "ACQUISITION_COMPLETED", "acq-done-" + run);
    driver.awaitState(id, "imaging", "IMAGES_COMMITTED");
    return Instant.parse(driver.study(id).path("attributes").path("ihiValidatedAt").asString());
  }

  private static void sleepPast(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private List<JsonNode> documents(String accession) {
    List<Resource> documents =
        world
            .simulators()
            .simulator(Service.NATIONAL_RECORD)
            .state()
            .resources("document", "accession", accession);
    // read back over the control API, as an operator would
    JsonNode state = controlState("national-record");
    List<JsonNode> found = new ArrayList<>();
    state
        .path("resources")
        .forEach(
            r -> {
              if (r.path("kind").asString().equals("document")
                  && r.path("attributes").path("accession").asString().equals(accession)) {
                found.add(r);
              }
            });
    assertThat(found).hasSameSizeAs(documents);
    return found;
  }

  private static JsonNode controlState(String slug) {
    return Api.JSON.readTree(control(control("/state/" + slug).GET()));
  }

  private static HttpRequest.Builder control(String path) {
    return HttpRequest.newBuilder(URI.create(world.simulators().controlUrl() + path));
  }

  /** Sends a request to the cluster's control API; anything but 200 fails. The body. */
  private static String control(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          CONTROL.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return response.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Letters only, as an HL7 family name has them: this run's own. */
  private String letters() {
    StringBuilder letters = new StringBuilder();
    for (char c : run.toCharArray()) {
      letters.append((char) ('A' + Character.digit(c, 16)));
    }
    return letters.toString();
  }
}
