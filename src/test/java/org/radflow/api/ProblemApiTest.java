package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every error the API answers, over real HTTP: an RFC 9457 problem document with a radflow type,
 * the status, a detail that names the thing, and the members a program needs to act on it.
 */
class ProblemApiTest extends AbstractApiTest {

  private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflowHome(DynamicPropertyRegistry registry) {
    registry.add("radflow.home", () -> home.toString());
  }

  // ---- 404 -----------------------------------------------------------------------------------

  @Test
  void anUnknownStudyIsNotFoundOnEveryEndpoint() {
    for (String path :
        List.of(
            "/api/v1/studies/" + UNKNOWN,
            "/api/v1/studies/" + UNKNOWN + "/history",
            "/api/v1/studies/" + UNKNOWN + "/conflicts")) {
      JsonNode problem = api.get(path).problem(404, "study-not-found");
      assertThat(problem.path("detail").asString()).contains(UNKNOWN);
      assertThat(problem.path("studyId").asString()).isEqualTo(UNKNOWN);
      assertThat(problem.path("instance").asString()).isEqualTo(path);
    }
    JsonNode problem =
        transition(UNKNOWN, Bodies.transition("IDENTITY_VALIDATED", "k"))
            .problem(404, "study-not-found");
    assertThat(problem.path("detail").asString()).contains(UNKNOWN);
  }

  @Test
  void theRootLeadsToTheConsoleAndTheApiRootToTheDocs() {
    Api.Response root = api.get("/", "Accept", "text/html");
    assertThat(root.status()).isEqualTo(302);
    assertThat(root.header("Location").orElse("")).endsWith("/console");
    Api.Response apiRoot = api.get("/api/v1", "Accept", "text/html");
    assertThat(apiRoot.status()).isEqualTo(302);
    assertThat(apiRoot.header("Location").orElse("")).endsWith("/api/v1/docs");
  }

  @Test
  void anUnknownPathIsAProblemNotAPage() {
    JsonNode problem =
        api.get("/api/v1/nothing-here", "Accept", "text/html").problem(404, "no-such-resource");
    assertThat(problem.path("detail").asString()).contains("/api/v1");
    JsonNode browser =
        api.get("/api/v1/studies/" + UNKNOWN, "Accept", "text/html,application/xhtml+xml")
            .problem(404, "study-not-found");
    assertThat(browser.path("detail").asString()).contains(UNKNOWN);
  }

  // ---- 400 -----------------------------------------------------------------------------------

  @Test
  void aStudyIdThatIsNotAUuidIsABadRequest() {
    JsonNode problem = api.get("/api/v1/studies/not-a-uuid").problem(400, "invalid-study-id");
    assertThat(problem.path("detail").asString()).contains("not-a-uuid");
    transition("ACC-1", Bodies.transition("IDENTITY_VALIDATED", "k"))
        .problem(400, "invalid-study-id");
  }

  @Test
  void malformedJsonSaysWhereItBroke() {
    String id = open("ACC-MALFORMED");
    JsonNode problem =
        transition(id, "{\"type\": \"IDENTITY_VALIDATED\", }").problem(400, "malformed-json");
    assertThat(problem.path("detail").asString()).contains("not valid JSON").contains("line 1");

    JsonNode empty = transition(id, "").problem(400, "malformed-json");
    assertThat(empty.path("detail").asString()).contains("missing");
    JsonNode array = transition(id, "[1, 2]").problem(400, "malformed-json");
    assertThat(array.path("detail").asString()).contains("JSON object");
  }

  @Test
  void anUnknownEnumValueListsTheAllowedValues() {
    String id = open("ACC-ENUM");
    JsonNode problem =
        transition(id, Bodies.transition("REPORT_FINISHED", "k")).problem(400, "unknown-value");
    assertThat(problem.path("detail").asString()).contains("REPORT_FINISHED").contains("type");
    assertThat(problem.path("field").asString()).isEqualTo("type");
    assertThat(strings(problem.path("allowedValues")))
        .contains("REPORT_FINALISED", "IDENTITY_VALIDATED", "PATIENT_MERGED");

    JsonNode entry =
        api.post(
                "/api/v1/studies",
                Bodies.lateJoin(authority, "ACC-ENUM-2", "WALK_IN", "NOT_STARTED"))
            .problem(400, "unknown-value");
    assertThat(entry.path("field").asString()).isEqualTo("entryKind");
    assertThat(strings(entry.path("allowedValues")))
        .containsExactly("SCHEDULED", "ENCOUNTER", "DOWNTIME_RECOVERY", "OUTSIDE_IMPORT");
  }

  @Test
  void aMissingOrInvalidFieldIsNamed() {
    String id = open("ACC-FIELDS");
    String claimsAnActor =
        """
        {"type": "IDENTITY_VALIDATED", "idempotencyKey": "k1", "source": {"system": "ris"},
         "actor": "someone.else"}
        """;
    JsonNode actor = transition(id, claimsAnActor).problem(400, "invalid-field");
    assertThat(actor.path("detail").asString()).contains("from your credentials");
    assertThat(actor.path("field").asString()).isEqualTo("actor");

    String blankKey =
        """
        {"type": "IDENTITY_VALIDATED", "idempotencyKey": " ", "source": {"system": "ris"}}
        """;
    assertThat(transition(id, blankKey).problem(400, "invalid-field").path("field").asString())
        .isEqualTo("idempotencyKey");

    String noPatientId =
        """
        {"assigningAuthority": "%s", "accessionNumber": "ACC-X",
         "patient": {"assigningAuthority": "NHS"}, "source": {"system": "ris"}}
        """
            .formatted(authority);
    JsonNode patient = api.post("/api/v1/studies", noPatientId).problem(400, "invalid-field");
    assertThat(patient.path("field").asString()).isEqualTo("patient.id");

    String nullData =
        """
        {"type": "IDENTITY_VALIDATED", "idempotencyKey": "k2", "source": {"system": "ris"}, "data": {"ihi": null}}
        """;
    assertThat(transition(id, nullData).problem(400, "invalid-field").path("field").asString())
        .isEqualTo("data.ihi");

    String mergeWithoutData = Bodies.transition("PATIENT_MERGED", "m1");
    assertThat(
            transition(id, mergeWithoutData)
                .problem(400, "invalid-field")
                .path("detail")
                .asString())
        .contains("data.survivingAuthority");

    String badTime =
        """
        {"type": "IDENTITY_VALIDATED", "idempotencyKey": "k3", "businessTime": "yesterday",
         "source": {"system": "ris"}}
        """;
    JsonNode time = transition(id, badTime).problem(400, "invalid-field");
    assertThat(time.path("field").asString()).isEqualTo("businessTime");
    assertThat(time.path("detail").asString()).contains("ISO-8601").contains("yesterday");

    String misspelt =
        """
        {"type": "IDENTITY_VALIDATED", "idempotencyKey": "k4", "source": {"system": "ris"}, "expectedVersio": 1}
        """;
    JsonNode unknown = transition(id, misspelt).problem(400, "invalid-field");
    assertThat(unknown.path("field").asString()).isEqualTo("expectedVersio");
    assertThat(strings(unknown.path("allowedValues"))).contains("expectedVersion");

    String objectForString =
        """
        {"type": "IDENTITY_VALIDATED", "idempotencyKey": "k5", "source": "ris"}
        """;
    assertThat(
            transition(id, objectForString).problem(400, "invalid-field").path("field").asString())
        .isEqualTo("source");

    JsonNode badReference =
        transition(
                id,
                """
                {"type": "IDENTITY_VALIDATED", "idempotencyKey": "k6", "source": {"system": "r"}, "references": [{"kind": "ihi-response"}]}
                """)
            .problem(400, "invalid-field");
    assertThat(badReference.path("detail").asString()).contains("reference.uri");
  }

  @Test
  void searchParametersAreChecked() {
    JsonNode trackOnly = api.get("/api/v1/studies?track=IMAGING").problem(400, "invalid-parameter");
    assertThat(trackOnly.path("parameter").asString()).isEqualTo("state");
    assertThat(strings(trackOnly.path("allowedValues"))).contains("IMAGES_COMMITTED");

    JsonNode wrongTrack =
        api.get("/api/v1/studies?track=CLINICAL&state=IMAGES_COMMITTED")
            .problem(400, "invalid-parameter");
    assertThat(wrongTrack.path("detail").asString())
        .contains("IMAGES_COMMITTED")
        .contains("CLINICAL");
    assertThat(strings(wrongTrack.path("allowedValues")))
        .containsExactly(
            "ORDER_RECEIVED",
            "IDENTITY_VALIDATED",
            "PROCEDURE_SCHEDULED",
            "IDENTITY_EXCEPTION",
            "CANCELLED");

    JsonNode stateOnly =
        api.get("/api/v1/studies?state=IMAGES_COMMITTED").problem(400, "invalid-parameter");
    assertThat(stateOnly.path("parameter").asString()).isEqualTo("track");
    assertThat(strings(stateOnly.path("allowedValues"))).contains("IMAGING");

    JsonNode status = api.get("/api/v1/studies?status=STUCK").problem(400, "unknown-value");
    assertThat(status.path("parameter").asString()).isEqualTo("status");
    assertThat(strings(status.path("allowedValues"))).contains("IN_EXCEPTION", "WAITING");

    JsonNode track =
        api.get("/api/v1/studies?track=RADIOLOGY&state=X").problem(400, "unknown-value");
    assertThat(strings(track.path("allowedValues"))).contains("IMAGING");

    JsonNode limit = api.get("/api/v1/studies?limit=500").problem(400, "invalid-parameter");
    assertThat(limit.path("parameter").asString()).isEqualTo("limit");
    assertThat(limit.path("detail").asString()).contains("200");
    JsonNode notNumber = api.get("/api/v1/studies?offset=first").problem(400, "invalid-parameter");
    assertThat(notNumber.path("parameter").asString()).isEqualTo("offset");

    JsonNode patient = api.get("/api/v1/studies?patientId=P-1").problem(400, "invalid-parameter");
    assertThat(patient.path("parameter").asString()).isEqualTo("patientAuthority");
  }

  @Test
  void aBadIfMatchIsNamed() {
    String id = open("ACC-IFMATCH");
    JsonNode problem =
        transition(id, Bodies.transition("IDENTITY_VALIDATED", "k"), "If-Match", "yesterday")
            .problem(400, "invalid-parameter");
    assertThat(problem.path("parameter").asString()).isEqualTo("If-Match");
  }

  // ---- 409, 412, 413, 422 --------------------------------------------------------------------

  @Test
  void reusingAKeyWithOtherContentIsAConflict() {
    String id = open("ACC-CONFLICT");
    transition(id, Bodies.transition("IDENTITY_VALIDATED", "ihi-1", "{\"ihi\": \"8003601\"}"));

    JsonNode problem =
        transition(id, Bodies.transition("IDENTITY_VALIDATED", "ihi-1", "{\"ihi\": \"8003602\"}"))
            .problem(409, "idempotency-conflict");

    assertThat(problem.path("detail").asString()).contains("ihi-1").contains("conflicts");
    assertThat(problem.path("idempotencyKey").asString()).isEqualTo("ihi-1");
    assertThat(problem.path("studyId").asString()).isEqualTo(id);

    JsonNode reopened =
        api.post("/api/v1/studies", Bodies.openStudy(authority, "ACC-CONFLICT", "P-other"))
            .problem(409, "idempotency-conflict");
    assertThat(reopened.path("detail").asString()).contains(authority + "/ACC-CONFLICT");
    assertThat(reopened.path("studyId").asString()).isEqualTo(id);
  }

  @Test
  void aStaleVersionIsAPreconditionFailure() {
    String id = open("ACC-VERSION");
    transition(id, Bodies.transition("IDENTITY_VALIDATED", "k1"));

    Api.Response stale =
        transition(id, Bodies.transition("PROCEDURE_SCHEDULED", "k2"), "If-Match", "\"1\"");

    JsonNode problem = stale.problem(412, "version-mismatch");
    assertThat(problem.path("expectedVersion").asLong()).isEqualTo(1);
    assertThat(problem.path("actualVersion").asLong()).isEqualTo(2);
    assertThat(problem.path("detail").asString()).contains("version 2");
    assertThat(stale.header("ETag")).contains("\"2\"");

    String inBody =
        Bodies.transition("PROCEDURE_SCHEDULED", "k2")
            .replaceFirst("\\{", "{\"expectedVersion\": 7,");
    assertThat(
            transition(id, inBody)
                .problem(412, "version-mismatch")
                .path("expectedVersion")
                .asLong())
        .isEqualTo(7);

    JsonNode disagree =
        transition(id, inBody, "If-Match", "\"2\"").problem(400, "invalid-parameter");
    assertThat(disagree.path("detail").asString()).contains("expectedVersion");
  }

  @Test
  void inlineDataAboveTheLimitAsksForAReference() {
    String id = open("ACC-LARGE");
    String big = "x".repeat(17_000);

    JsonNode problem =
        transition(
                id, Bodies.transition("IDENTITY_VALIDATED", "k", "{\"report\": \"" + big + "\"}"))
            .problem(413, "payload-too-large");

    assertThat(problem.path("limitBytes").asInt()).isEqualTo(16 * 1024);
    assertThat(problem.path("actualBytes").asInt()).isGreaterThan(17_000);
    assertThat(problem.path("detail").asString()).contains("16384 bytes").contains("reference");

    String bigStudy =
        Bodies.openStudy(authority, "ACC-LARGE-2", "P")
            .replace("\"modality\": \"CT\"", "\"notes\": \"" + big + "\"");
    assertThat(
            api.post("/api/v1/studies", bigStudy)
                .problem(413, "payload-too-large")
                .path("limitBytes")
                .asInt())
        .isEqualTo(16 * 1024);
  }

  @Test
  void aHugeBodyIsRefusedBeforeItIsRead() {
    String id = open("ACC-HUGE");
    String huge =
        Bodies.transition(
            "IDENTITY_VALIDATED", "k", "{\"blob\": \"" + "y".repeat(1_500_000) + "\"}");

    JsonNode problem = transition(id, huge).problem(413, "payload-too-large");

    assertThat(problem.path("limitBytes").asLong()).isEqualTo(1024 * 1024);
    assertThat(problem.path("detail").asString()).contains("reference");
  }

  @Test
  void theModelsRefusalsCarryTheirReasonAndCode() {
    String id = open("ACC-ILLEGAL");
    transition(id, Bodies.transition("IDENTITY_VALIDATED", "k1"));
    JsonNode illegal =
        transition(id, Bodies.transition("IDENTITY_REJECTED", "k2"))
            .problem(422, "illegal-transition");
    assertThat(illegal.path("refusal").asString()).isEqualTo("ILLEGAL_TRANSITION");
    assertThat(illegal.path("transition").asString()).isEqualTo("IDENTITY_REJECTED");
    assertThat(illegal.path("detail").asString())
        .contains("IDENTITY_REJECTED")
        .contains("IDENTITY_VALIDATED");

    String late =
        api.post(
                "/api/v1/studies",
                Bodies.lateJoin(authority, "ACC-OBLIGATION", "OUTSIDE_IMPORT", "REPORT_FINALISED"))
            .json()
            .path("id")
            .asString();
    JsonNode obligation =
        transition(late, Bodies.transition("REPORT_PUBLISHED", "k3"))
            .problem(422, "obligation-unmet");
    assertThat(obligation.path("refusal").asString()).isEqualTo("OBLIGATION_UNMET");
    assertThat(obligation.path("detail").asString()).contains("identity");

    JsonNode join =
        api.post(
                "/api/v1/studies",
                Bodies.lateJoin(authority, "ACC-BADJOIN", "OUTSIDE_IMPORT", "NOT_STARTED"))
            .problem(422, "invalid-command");
    assertThat(join.path("refusal").asString()).isEqualTo("INVALID");
    assertThat(join.path("detail").asString()).contains("OUTSIDE_IMPORT").contains("NOT_STARTED");

    JsonNode self =
        api.post(
                "/api/v1/patient-merges",
                """
                {"retired": {"assigningAuthority": "NHS", "id": "P-9"},
                 "surviving": {"assigningAuthority": "NHS", "id": "P-9"},
                 "source": {"system": "pas"}}
                """)
            .problem(422, "invalid-command");
    assertThat(self.path("detail").asString()).contains("NHS/P-9");
  }

  // ---- Spring's own, the container's, and the unexpected ---------------------------------------

  @Test
  void httpMistakesAreProblemsToo() {
    api.send("DELETE", "/api/v1/studies", null, null).problem(405, "method-not-allowed");
    api.send("POST", "/api/v1/studies", "text/plain", "hello", new String[0])
        .problem(415, "unsupported-media-type");
    // Tomcat refuses an encoded slash before Spring sees it; the error page is a problem too.
    Api.Response container = api.get("/api/v1/studies/a%2Fb");
    assertThat(container.status()).isEqualTo(400);
    container.problem(400, "bad-request");
    api.get("/error").problem(404, "no-such-resource");
  }

  @Test
  void anUnexpectedFailureIsA500ThatLeaksNothing() throws Exception {
    String id = open("ACC-BROKEN");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("radflow.db"));
        // a new version too: this node caches the study it created by version, and a row changed
        // behind its back at the same version would still be answered from there
        PreparedStatement s =
            c.prepareStatement("update study set detail = ?, version = version + 1 where id = ?")) {
      s.setString(1, "{not json");
      s.setString(2, id);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }

    Api.Response broken = api.get("/api/v1/studies/" + id);

    JsonNode problem = broken.problem(500, "internal-error");
    assertThat(problem.path("incident").asString()).isNotBlank();
    assertThat(problem.path("detail").asString()).contains(problem.path("incident").asString());
    assertThat(broken.text()).doesNotContainIgnoringCase("jackson").doesNotContain("{not json");
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }
}
