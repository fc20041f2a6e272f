package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each class of invalid input a probe answered with 500, or accepted when it should not have, is a
 * 400 problem naming the field and saying what is wrong: missing and empty values, over-long
 * strings, control and direction characters, extreme instants, bad URIs, loose JSON types,
 * duplicate keys, and documents shaped to exhaust the parser.
 */
class HostileInputApiTest extends AbstractApiTest {

  @Autowired JsonMapper json;

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflowHome(DynamicPropertyRegistry registry) {
    registry.add("radflow.home", () -> home.toString());
  }

  private String imagingEvent(String fields) {
    return """
        {"type": "ACQUISITION_STARTED", "studyInstanceUid": "1.2.3",
         "patient": {"assigningAuthority": "NHS", "id": "P-1"},
         "source": {"system": "ct"}%s}
        """
        .formatted(fields);
  }

  private static String merge(String businessTime, String actor) {
    return """
        {"retired": {"assigningAuthority": "NHS", "id": "P-OLD"},
         "surviving": {"assigningAuthority": "NHS", "id": "P-NEW"},
         "businessTime": %s, "source": {"system": "pas"}, "actor": %s}
        """
        .formatted(businessTime, actor);
  }

  private static void namesField(JsonNode problem, String field, String detailPart) {
    assertThat(problem.path("field").asString()).isEqualTo(field);
    assertThat(problem.path("detail").asString()).contains(field).contains(detailPart);
  }

  @Test
  void anImagingEventWithoutItsAuthorityNamesIt() {
    JsonNode problem =
        api.post("/api/v1/imaging-events", imagingEvent(", \"accessionNumber\": \"A-1\""))
            .problem(400, "invalid-field");
    namesField(problem, "assigningAuthority", "must be present");
  }

  @Test
  void anEmptyOrRelativeManifestUriIsRefusedByName() {
    for (String uri : new String[] {"\"\"", "\"relative/path\"", "\"http://[::1\""}) {
      String body =
          imagingEvent(
              ", \"assigningAuthority\": \"%s\", \"accessionNumber\": \"A-2\",".formatted(authority)
                  + " \"manifestUri\": "
                  + uri
                  + ", \"contentHash\": \"sha256:ab\"");
      JsonNode problem = api.post("/api/v1/imaging-events", body).problem(400, "invalid-field");
      assertThat(problem.path("field").asString()).as(uri).isEqualTo("manifestUri");
    }
  }

  @Test
  void anActorInAnyBodyIsRefusedForWhoActsIsTheCaller() {
    String actor = "\"" + "a".repeat(300) + "\"";
    JsonNode event =
        api.post(
                "/api/v1/imaging-events",
                imagingEvent(
                    ", \"assigningAuthority\": \"%s\", \"accessionNumber\": \"A-3\", \"actor\": %s"
                        .formatted(authority, actor)))
            .problem(400, "invalid-field");
    namesField(event, "actor", "from your credentials");

    JsonNode merge =
        api.post("/api/v1/patient-merges", merge("\"2025-03-01T09:30:00Z\"", actor))
            .problem(400, "invalid-field");
    namesField(merge, "actor", "from your credentials");

    JsonNode operator =
        api.post(
                "/api/v1/outbox/1/unpark",
                "{\"actor\": %s, \"reason\": \"fixed\"}".formatted(actor))
            .problem(400, "invalid-field");
    namesField(operator, "actor", "from your credentials");
  }

  @Test
  void anIdentifierLongerThanItsColumnIsRefused() {
    String body = Bodies.openStudy(authority, "A".repeat(65), "P-1");
    JsonNode problem = api.post("/api/v1/studies", body).problem(400, "invalid-field");
    namesField(problem, "accessionNumber", "at most 64 characters");
  }

  @Test
  void aBusinessTimeOutsideAnyRealDateIsRefusedByName() {
    for (String time :
        new String[] {"\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\""}) {
      JsonNode problem =
          api.post("/api/v1/patient-merges", merge(time, "\"pas\"")).problem(400, "invalid-field");
      namesField(problem, "businessTime", "must be between 1900-01-01T00:00:00Z");
    }
    String transition =
        Bodies.transition("IDENTITY_VALIDATED", "k-1")
            .replace(Bodies.BUSINESS_TIME, "+10000-01-01T00:00:00Z");
    JsonNode problem = transition(open("A-4"), transition).problem(400, "invalid-field");
    namesField(problem, "businessTime", "must be between");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\\u0000",
        "\\r\\nforged: entry",
        "\\n",
        "\\u001b[31m",
        "\\u0085",
        "\\u202e",
        "\\u2066"
      })
  void controlAndDirectionCharactersAreRefusedInIdentifiersAndActors(String escaped) {
    String accession = Bodies.openStudy(authority, "A-5" + escaped, "P-1");
    JsonNode problem = api.post("/api/v1/studies", accession).problem(400, "invalid-field");
    namesField(problem, "accessionNumber", "one line of printable characters");

    String system =
        Bodies.openStudy(authority, "A-6", "P-1")
            .replace("\"system\": \"ris\"", "\"system\": \"ris" + escaped + "\"");
    namesField(
        api.post("/api/v1/studies", system).problem(400, "invalid-field"),
        "source.system",
        "one line of printable characters");

    String patient = Bodies.openStudy(authority, "A-7", "P-1" + escaped);
    namesField(
        api.post("/api/v1/studies", patient).problem(400, "invalid-field"),
        "patient.id",
        "one line of printable characters");
  }

  @Test
  void halfACharacterIsRefusedAndAWholeOneOutsideTheBasicPlaneIsNot() {
    String lone = Bodies.openStudy(authority, "A-20\\ud800", "P-1");
    namesField(
        api.post("/api/v1/studies", lone).problem(400, "invalid-field"),
        "accessionNumber",
        "one line of printable characters");
    String whole = Bodies.openStudy(authority, "A-21\\ud83d\\ude00", "P-1");
    assertThat(api.post("/api/v1/studies", whole).status()).isEqualTo(201);
  }

  @Test
  void aReasonMaySpanLinesButCarriesNoOtherControlCharacter() {
    JsonNode problem =
        api.post("/api/v1/outbox/1/unpark", "{\"reason\": \"two\\nlines \\u202e\"}")
            .problem(400, "invalid-field");
    namesField(problem, "reason", "must be printable text");
    // Only the direction character was wrong: line breaks are fine, and the event is unknown.
    assertThat(api.post("/api/v1/outbox/999999/unpark", "{\"reason\": \"two\\nlines\"}").status())
        .isEqualTo(422);
  }

  @Test
  void numbersAndBooleansAreNotTakenForStrings() {
    String number = Bodies.openStudy(authority, "A-8", "P-1").replace("\"A-8\"", "12345");
    namesField(
        api.post("/api/v1/studies", number).problem(400, "invalid-field"),
        "accessionNumber",
        "must be a string");
    String bool =
        Bodies.openStudy(authority, "A-9", "P-1")
            .replace("\"system\": \"ris\"", "\"system\": true");
    namesField(
        api.post("/api/v1/studies", bool).problem(400, "invalid-field"),
        "source.system",
        "must be a string");
    String text = Bodies.openStudy(authority, "A-10", "P-1").replace("\"P-1\"", "1.5");
    namesField(
        api.post("/api/v1/studies", text).problem(400, "invalid-field"),
        "patient.id",
        "must be a string");
  }

  @Test
  void aNumberIsNotTakenForAnInstantAnEnumOrAWholeNumber() {
    String id = open("A-15");
    String epoch =
        Bodies.transition("IDENTITY_VALIDATED", "k-4")
            .replace("\"" + Bodies.BUSINESS_TIME + "\"", "1740821400");
    namesField(transition(id, epoch).problem(400, "invalid-field"), "businessTime", "ISO-8601");
    String index =
        Bodies.transition("IDENTITY_VALIDATED", "k-5").replace("\"IDENTITY_VALIDATED\"", "0");
    assertThat(transition(id, index).status()).isEqualTo(400);
    String fraction =
        Bodies.transition("IDENTITY_VALIDATED", "k-6")
            .replace("\"data\"", "\"expectedVersion\": 1.5, \"data\"");
    namesField(
        transition(id, fraction).problem(400, "invalid-field"), "expectedVersion", "whole number");
  }

  @Test
  void aStringIsNotTakenForANumberOrABoolean() {
    String id = open("A-11");
    String version =
        Bodies.transition("IDENTITY_VALIDATED", "k-2")
            .replace("\"data\"", "\"expectedVersion\": \"1\", \"data\"");
    namesField(
        transition(id, version).problem(400, "invalid-field"), "expectedVersion", "whole number");
  }

  @Test
  void aKeyGivenTwiceIsRefusedAndNamed() {
    String body =
        Bodies.openStudy(authority, "A-12", "P-1")
            .replaceFirst("\\{", "{\"accessionNumber\": \"A-12-other\", ");
    JsonNode problem = api.post("/api/v1/studies", body).problem(400, "malformed-json");
    assertThat(problem.path("detail").asString()).contains("Duplicate").contains("accessionNumber");
  }

  @Test
  void theApplicationsMapperRefusesNestingDeeperThanThirtyTwo() {
    // Over HTTP a request record refuses an array where it expects a value before the depth is
    // reached; the limit guards whatever reads a tree, so it is checked on the mapper itself.
    assertThat(json.readTree("[".repeat(32) + "]".repeat(32)).isArray()).isTrue();
    assertThatThrownBy(() -> json.readTree("[".repeat(33) + "]".repeat(33)))
        .isInstanceOf(StreamConstraintsException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void aHugeStringOrNumberIsRefusedByTheParser() {
    String huge = "x".repeat(300 * 1024);
    JsonNode string =
        api.post("/api/v1/studies", Bodies.openStudy(authority, huge, "P-1"))
            .problem(400, "malformed-json");
    assertThat(string.path("detail").asString())
        .contains("String value length (307200) exceeds the maximum allowed (262144)");

    String id = open("A-14");
    String number =
        Bodies.transition("IDENTITY_VALIDATED", "k-3")
            .replace("\"data\"", "\"expectedVersion\": " + "9".repeat(40) + ", \"data\"");
    JsonNode problem = transition(id, number).problem(400, "malformed-json");
    assertThat(problem.path("detail").asString())
        .contains("Number value length (40) exceeds the maximum allowed (32)");
  }

  @Test
  void aChunkedBodyWithoutContentLengthIsCappedToo() {
    String body = "{" + " ".repeat(1_100_000) + "}";
    api.postChunked("/api/v1/studies", body).problem(413, "payload-too-large");
  }

  @Test
  void queryParametersOutOfRangeAreRefusedByName() {
    assertThat(
            api.get("/api/v1/audit?limit=100000")
                .problem(400, "invalid-parameter")
                .path("parameter")
                .asString())
        .isEqualTo("limit");
    assertThat(
            api.get("/api/v1/outbox/parked?limit=0")
                .problem(400, "invalid-parameter")
                .path("parameter")
                .asString())
        .isEqualTo("limit");
    assertThat(
            api.get("/api/v1/exceptions?olderThanSeconds=9223372036854775807")
                .problem(400, "invalid-parameter")
                .path("parameter")
                .asString())
        .isEqualTo("olderThanSeconds");
    assertThat(
            api.get("/api/v1/dead-letters?from=%2B999999999-12-31T23:59:59Z")
                .problem(400, "invalid-parameter")
                .path("parameter")
                .asString())
        .isEqualTo("from");
    assertThat(
            api.get("/api/v1/studies?accession=" + "A".repeat(65))
                .problem(400, "invalid-parameter")
                .path("parameter")
                .asString())
        .isEqualTo("accession");
    assertThat(
            api.get("/api/v1/dead-letters?accession=a%0D%0Aforged")
                .problem(400, "invalid-parameter")
                .path("parameter")
                .asString())
        .isEqualTo("accession");
  }
}
