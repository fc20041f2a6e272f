package org.radflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.study.IhiNumberStatus;
import org.radflow.study.IhiRecordStatus;
import org.radflow.workflow.IhiRules;
import org.radflow.workflow.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated HI Service over real HTTP: patients registered through the control API, searches
 * posted in the wire form radflow sends.
 */
class SimulatedIdentityTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String JANE =
      "\"familyName\":\"Citizen\",\"givenName\":\"Jane\",\"dateOfBirth\":\"1980-02-29\","
          + "\"sex\":\"F\"";
  private static final String MEDICARE = "\"medicare\":{\"number\":\"2950974202\",\"irn\":\"1\"}";

  private final HttpClient http = HttpClient.newHttpClient();
  private SimulatorCluster cluster;

  @BeforeEach
  void start() {
    cluster = SimulatorCluster.start(InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void answers_every_number_status_and_record_status_as_registered() throws Exception {
    int n = 0;
    for (IhiNumberStatus number : IhiNumberStatus.values()) {
      for (IhiRecordStatus record : IhiRecordStatus.values()) {
        n++;
        String ihi = ihi(n);
        String resolvedTo =
            number == IhiNumberStatus.RESOLVED ? ",\"resolvedTo\":\"" + ihi(100 + n) + "\"" : "";
        assertThat(
                register(
                        "{\"authority\":\"HOSP\",\"patientId\":\"P-%d\",\"ihi\":\"%s\",\"numberStatus\":\"%s\",\"recordStatus\":\"%s\"%s,%s}"
                            .formatted(n, ihi, number, record, resolvedTo, JANE))
                    .statusCode())
            .isEqualTo(200);

        JsonNode answer = found(search("P-" + n, "\"ihi\":\"" + ihi + "\"," + JANE));

        assertThat(answer.path("id").asString()).isEqualTo(ihi);
        JsonNode data = answer.path("data");
        assertThat(data.path("ihi").asString()).isEqualTo(ihi);
        assertThat(data.path("numberStatus").asString()).isEqualTo(number.name());
        assertThat(data.path("recordStatus").asString()).isEqualTo(record.name());
        assertThat(data.has("resolvedTo")).isEqualTo(number == IhiNumberStatus.RESOLVED);
        if (number == IhiNumberStatus.RESOLVED) {
          assertThat(data.path("resolvedTo").asString()).isEqualTo(ihi(100 + n));
        }
      }
    }
  }

  @Test
  void refuses_an_upload_unless_the_ihi_is_known_verified_and_active_or_deceased()
      throws Exception {
    int n = 0;
    for (IhiNumberStatus number : IhiNumberStatus.values()) {
      for (IhiRecordStatus record : IhiRecordStatus.values()) {
        n++;
        String resolvedTo =
            number == IhiNumberStatus.RESOLVED ? ",\"resolvedTo\":\"" + ihi(100 + n) + "\"" : "";
        String ihi = ihi(n);
        register(patient("P-" + n, ihi, number.name(), record.name(), resolvedTo));
        boolean numberUsable =
            number == IhiNumberStatus.ACTIVE || number == IhiNumberStatus.DECEASED;

        assertThat(cluster.identity().refusalForUpload(ihi))
            .as(number + " " + record)
            .isEqualTo(
                numberUsable && record == IhiRecordStatus.VERIFIED
                    ? Optional.empty()
                    : Optional.of(
                        numberUsable
                            ? "IHI " + ihi + " record is " + record
                            : "IHI " + ihi + " is " + number));
      }
    }
    assertThat(cluster.identity().refusalForUpload(ihi(999)))
        .contains("IHI " + ihi(999) + " is not known to the HI Service");
    assertThat(cluster.identity().refusalForUpload(ihi(3)))
        .contains("IHI " + ihi(3) + " record is PROVISIONAL");
    assertThat(cluster.identity().refusalForUpload(ihi(7)))
        .contains("IHI " + ihi(7) + " is RETIRED");
  }

  @Test
  void a_resolved_ihi_answers_its_survivor_and_the_follow_up_finds_it_active_and_verified()
      throws Exception {
    register(
        patient(
            "P-1",
            ihi(1),
            "RESOLVED",
            "VERIFIED",
            ",\"resolvedTo\":\"" + ihi(2) + "\"," + MEDICARE + "," + JANE));

    JsonNode first = found(search("P-1", MEDICARE + "," + JANE)).path("data");
    JsonNode followUp = found(search("P-1", "\"ihi\":\"" + ihi(2) + "\"," + JANE)).path("data");

    assertThat(first.path("numberStatus").asString()).isEqualTo("RESOLVED");
    assertThat(first.path("resolvedTo").asString()).isEqualTo(ihi(2));
    assertThat(followUp.path("ihi").asString()).isEqualTo(ihi(2));
    assertThat(followUp.path("numberStatus").asString()).isEqualTo("ACTIVE");
    assertThat(followUp.path("recordStatus").asString()).isEqualTo("VERIFIED");
    assertThat(followUp.has("resolvedTo")).isFalse();
    assertThat(cluster.identity().refusalForUpload(ihi(2))).isEmpty();
    assertThat(cluster.identity().refusalForUpload(ihi(1)))
        .contains("IHI " + ihi(1) + " is RESOLVED");
  }

  @Test
  void finds_by_medicare_and_irn_by_dva_by_ihi_and_by_demographics_alone() throws Exception {
    register(
        patient(
            "P-1", ihi(1), "ACTIVE", "VERIFIED", "," + MEDICARE + ",\"dva\":\"NX123456\"," + JANE),
        patient(
            "P-2",
            ihi(2),
            "DECEASED",
            "VERIFIED",
            ",\"familyName\":\"Nguyen\",\"dateOfBirth\":\"1950-01-01\",\"sex\":\"M\""));

    // searched from other local records, so only the HI Service's own matching can find them
    assertThat(foundIhi(search("X-1", MEDICARE + "," + JANE))).isEqualTo(ihi(1));
    assertThat(foundIhi(search("X-2", "\"dva\":\"NX123456\"," + JANE))).isEqualTo(ihi(1));
    assertThat(foundIhi(search("X-3", "\"ihi\":\"" + ihi(1) + "\"," + JANE))).isEqualTo(ihi(1));
    assertThat(
            foundIhi(
                search(
                    "X-4",
                    "\"familyName\":\"NGUYEN\",\"givenName\":\"Van\","
                        + "\"dateOfBirth\":\"1950-01-01\",\"sex\":\"M\"")))
        .as("family name case-insensitive; given name compared only when both have one")
        .isEqualTo(ihi(2));
  }

  @Test
  void a_registered_record_without_demographics_matches_on_its_identifier_alone() throws Exception {
    register(patient("P-1", ihi(1), "ACTIVE", "UNVERIFIED", "," + MEDICARE));

    JsonNode data = found(search("X-1", MEDICARE + "," + JANE)).path("data");

    assertThat(data.path("ihi").asString()).isEqualTo(ihi(1));
    assertThat(data.path("recordStatus").asString()).isEqualTo("UNVERIFIED");
  }

  @Test
  void demographics_that_do_not_match_find_nothing_and_the_reason_names_no_demographics()
      throws Exception {
    register(patient("P-1", ihi(1), "ACTIVE", "VERIFIED", "," + MEDICARE + "," + JANE));
    String otherBirthday = JANE.replace("1980-02-29", "1980-03-01");

    JsonNode registeredSubject = refused(search("P-1", MEDICARE + "," + otherBirthday), 422);
    JsonNode otherSubject = refused(search("X-1", MEDICARE + "," + otherBirthday), 422);
    JsonNode otherGivenName =
        refused(search("P-1", MEDICARE + "," + JANE.replace("Jane", "Joan")), 422);

    for (JsonNode refusal : new JsonNode[] {registeredSubject, otherSubject, otherGivenName}) {
      assertThat(refusal.path("code").asString()).isEqualTo("IHI_NOT_FOUND");
      assertThat(refusal.path("reason").asString())
          .contains("by Medicare card number and demographics")
          .doesNotContain("Citizen", "Jane", "Joan", "1980");
    }
  }

  @Test
  void demographics_alone_find_nothing_when_the_subject_is_registered_otherwise() throws Exception {
    register(patient("P-1", ihi(1), "ACTIVE", "VERIFIED", "," + JANE));

    JsonNode refusal = refused(search("P-1", JANE.replace("Citizen", "Smith")), 422);

    assertThat(refusal.path("reason").asString())
        .isEqualTo("no IHI found by demographics for local record HOSP/P-1");
  }

  @Test
  void a_search_missing_a_mandatory_demographic_or_with_a_malformed_identifier_is_invalid()
      throws Exception {
    String noBirthday = "\"familyName\":\"Citizen\",\"sex\":\"F\"";

    assertInvalid(
        search("P-1", MEDICARE + "," + noBirthday),
        "demographics need family name, date of birth and sex; dateOfBirth is missing");
    assertInvalid(search("P-1", "\"givenName\":\"Jane\""), "familyName is missing");
    assertInvalid(search("P-1", "\"dva\":\"NX1\""), "familyName is missing");
    assertInvalid(search("P-1", JANE.replace("\"F\"", "\"X\"")), "sex");
    assertInvalid(search("P-1", JANE.replace("1980-02-29", "29/02/1980")), "dateOfBirth");
    assertInvalid(
        search("P-1", "\"medicare\":{\"number\":\"295097420\",\"irn\":\"1\"}," + JANE),
        "medicare.number");
    assertInvalid(
        search("P-1", "\"medicare\":{\"number\":\"2950974202\",\"irn\":\"0\"}," + JANE),
        "medicare.irn");
    assertInvalid(search("P-1", "\"ihi\":\"8003608000000571\"," + JANE), "ihi");
    assertInvalid(search("P-1", "\"ihi\":\"8003618000000570\"," + JANE), "ihi");
    assertInvalid(lookup("{\"requestId\":\"r\",\"ihi\":\"" + ihi(1) + "\"}"), "subject");
  }

  @Test
  void a_search_by_subject_alone_answers_the_registered_record_or_a_derived_ihi() throws Exception {
    register(patient("P-1", ihi(1), "ACTIVE", "PROVISIONAL", ""));

    JsonNode registered = found(search("P-1", "")).path("data");
    JsonNode derived = found(search("P-2", "")).path("data");

    assertThat(registered.path("recordStatus").asString()).isEqualTo("PROVISIONAL");
    assertThat(derived.path("ihi").asString()).isEqualTo(SimulatedIdentity.ihi("HOSP", "P-2"));
    assertThat(derived.path("numberStatus").asString()).isEqualTo("ACTIVE");
    assertThat(derived.path("recordStatus").asString()).isEqualTo("VERIFIED");
    assertThat(cluster.identity().refusalForUpload(SimulatedIdentity.ihi("HOSP", "P-2"))).isEmpty();
  }

  @Test
  void an_unregistered_patient_is_known_to_the_service_but_a_registered_identifier_is_not_lent()
      throws Exception {
    register(patient("P-1", ihi(1), "ACTIVE", "VERIFIED", "," + JANE));

    assertThat(foundIhi(search("X-1", "\"ihi\":\"" + ihi(5) + "\"," + JANE)))
        .as("an IHI nobody registered is echoed")
        .isEqualTo(ihi(5));
    assertThat(foundIhi(search("X-2", MEDICARE + "," + JANE)))
        .as("an unregistered subject searched by an unregistered card gets its derived IHI")
        .isEqualTo(SimulatedIdentity.ihi("HOSP", "X-2"));
    assertThat(
            refused(
                    search("X-3", "\"ihi\":\"" + ihi(1) + "\"," + JANE.replace("Jane", "Joan")),
                    422)
                .path("code")
                .asString())
        .as("a registered IHI with other demographics is not found, whoever searches")
        .isEqualTo("IHI_NOT_FOUND");
    assertThat(cluster.identity().refusalForUpload(ihi(5))).isEmpty();
  }

  @Test
  void unknown_patients_find_nothing_however_searched() throws Exception {
    register(patient("P-1", ihi(1), "ACTIVE", "VERIFIED", "," + JANE));
    assertThat(
            control("PUT", "/identity/unknown-patients", "{\"patientIds\":[\"P-1\",\"P-9\"]}")
                .statusCode())
        .isEqualTo(200);

    assertThat(refused(search("P-1", JANE), 422).path("code").asString())
        .isEqualTo("IHI_NOT_FOUND");
    assertThat(refused(search("P-9", ""), 422).path("reason").asString())
        .isEqualTo("no IHI found for local record HOSP/P-9");
  }

  @Test
  void registering_again_replaces_and_the_registry_lists_what_is_held() throws Exception {
    register(patient("P-1", ihi(1), "ACTIVE", "UNVERIFIED", "," + MEDICARE + "," + JANE));
    register(
        patient("P-1", ihi(1), "ACTIVE", "VERIFIED", ""),
        patient("P-2", ihi(2), "RETIRED", "VERIFIED", ",\"dva\":\"NX9\""));

    JsonNode patients =
        JSON.readTree(control("GET", "/identity/patients", "").body()).path("patients");

    assertThat(patients).hasSize(2);
    assertThat(patients.get(0).path("recordStatus").asString()).isEqualTo("VERIFIED");
    assertThat(patients.get(0).has("medicare")).isFalse();
    assertThat(patients.get(1).path("dva").asString()).isEqualTo("NX9");
    assertThat(foundIhi(search("P-1", ""))).isEqualTo(ihi(1));
  }

  @Test
  void refuses_bad_registrations_with_400_naming_the_field() throws Exception {
    assertBadRegistration(patient("P-1", "8003608000000571", "ACTIVE", "VERIFIED", ""), "ihi");
    assertBadRegistration(patient("P-1", ihi(1), "ALIVE", "VERIFIED", ""), "numberStatus");
    assertBadRegistration(patient("P-1", ihi(1), "ACTIVE", "CHECKED", ""), "recordStatus");
    assertBadRegistration(patient("P-1", ihi(1), "RESOLVED", "VERIFIED", ""), "resolvedTo");
    assertBadRegistration(
        patient("P-1", ihi(1), "RESOLVED", "VERIFIED", ",\"resolvedTo\":\"" + ihi(1) + "\""),
        "resolvedTo");
    assertBadRegistration(
        patient("P-1", ihi(1), "ACTIVE", "VERIFIED", ",\"resolvedTo\":\"" + ihi(2) + "\""),
        "resolvedTo");
    assertBadRegistration(
        patient("P-1", ihi(1), "ACTIVE", "VERIFIED", ",\"familyName\":\"Citizen\""),
        "dateOfBirth is missing");
    assertBadRegistration(
        patient(
            "P-1", ihi(1), "ACTIVE", "VERIFIED", ",\"medicare\":{\"number\":\"12\",\"irn\":\"1\"}"),
        "medicare.number");
    assertBadRegistration("{\"patientId\":\"P-1\"}", "authority");
    assertThat(control("PUT", "/identity/patients", "{\"patients\":{}}").statusCode())
        .isEqualTo(400);
    assertThat(cluster.identity().registered()).isEmpty();
  }

  // ---- helpers ----

  /** A valid IHI, different for every {@code n}. */
  @Test
  void the_follow_up_of_a_search_by_subject_alone_finds_the_survivor_of_that_subject_only()
      throws Exception {
    register(
        patient("P-R", ihi(500), "RESOLVED", "VERIFIED", ",\"resolvedTo\":\"" + ihi(501) + "\""));

    // what radflow sends after a search by subject alone answered RESOLVED: the survivor's IHI
    JsonNode survivor = found(search("P-R", "\"ihi\":\"" + ihi(501) + "\""));

    assertThat(survivor.path("data").path("ihi").asString()).isEqualTo(ihi(501));
    assertThat(survivor.path("data").path("numberStatus").asString()).isEqualTo("ACTIVE");
    assertThat(survivor.path("data").path("recordStatus").asString()).isEqualTo("VERIFIED");
    // another local record does not find it by the IHI alone
    assertThat(
            refused(search("P-OTHER", "\"ihi\":\"" + ihi(501) + "\""), 422).path("code").asString())
        .isEqualTo("IHI_NOT_FOUND");
  }

  private static String ihi(int n) {
    String body = "80036080000" + String.format("%04d", n);
    return body + IhiRules.luhnCheckDigit(body);
  }

  private static String patient(
      String patientId, String ihi, String numberStatus, String recordStatus, String rest) {
    return "{\"authority\":\"HOSP\",\"patientId\":\"%s\",\"ihi\":\"%s\",\"numberStatus\":\"%s\",\"recordStatus\":\"%s\"%s}"
        .formatted(patientId, ihi, numberStatus, recordStatus, rest);
  }

  private HttpResponse<String> register(String... patients) throws Exception {
    HttpResponse<String> response =
        control("PUT", "/identity/patients", "{\"patients\":[" + String.join(",", patients) + "]}");
    if (response.statusCode() == 200) {
      assertThat(JSON.readTree(response.body()).path("registered").asInt())
          .isEqualTo(patients.length);
    }
    return response;
  }

  private void assertBadRegistration(String patient, String naming) throws Exception {
    HttpResponse<String> response = register(patient);
    JsonNode refusal = JSON.readTree(response.body());

    assertThat(response.statusCode()).as(patient).isEqualTo(400);
    assertThat(refusal.path("code").asString()).isEqualTo("BAD_REQUEST");
    assertThat(refusal.path("reason").asString()).as(patient).contains(naming);
  }

  /** A search for local record HOSP/{@code patientId}, with {@code keys} after the subject. */
  private HttpResponse<String> search(String patientId, String keys) throws Exception {
    return lookup(
        "{\"requestId\":\"6f1c2a9e-0d4b-4c1e-9a57-3b2f8e6d1c40\","
            + "\"subject\":{\"authority\":\"HOSP\",\"patientId\":\""
            + patientId
            + "\"}"
            + (keys.isEmpty() ? "" : "," + keys)
            + "}");
  }

  private HttpResponse<String> lookup(String body) throws Exception {
    URI url = URI.create(cluster.baseUrls().get(Service.IDENTITY) + "/patients/lookup");
    return http.send(
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(2))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> control(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(cluster.controlUrl() + path))
            .timeout(Duration.ofSeconds(2))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode found(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String foundIhi(HttpResponse<String> response) {
    return found(response).path("data").path("ihi").asString();
  }

  private static JsonNode refused(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private static void assertInvalid(HttpResponse<String> response, String naming) {
    JsonNode refusal = refused(response, 400);
    assertThat(refusal.path("code").asString()).isEqualTo("INVALID_SEARCH");
    assertThat(refusal.path("reason").asString()).contains(naming);
  }
}
