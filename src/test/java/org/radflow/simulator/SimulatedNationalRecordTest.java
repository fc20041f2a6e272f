package org.radflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.radflow.national.DocumentPackage;
import org.radflow.national.TestPackages;
import org.radflow.workflow.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulated My Health Record, over real HTTP, as radflow's port meets it. */
class SimulatedNationalRecordTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger keys = new AtomicInteger();
  private Simulator simulator;
  private SimulatorCluster cluster;

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void an_upload_is_kept_under_its_own_document_id_as_current() throws Exception {
    start();
    DocumentPackage report = TestPackages.first("ACC-1");

    Reply reply = upload(report.toJson());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("id").asString()).isEqualTo(report.documentId());
    assertThat(reply.body().path("data").path("status").asString()).isEqualTo("CURRENT");
    Resource document = state().resource(report.documentId());
    assertThat(document.status()).isEqualTo("CURRENT");
    assertThat(document.attributes())
        .containsEntry("setId", report.setId())
        .containsEntry("version", "1")
        .containsEntry("ihi", TestPackages.IHI)
        .containsEntry("accession", "ACC-1")
        .containsEntry("reportRef", report.report().ref())
        .containsEntry("author", "rad-7")
        .containsEntry("organisation", "8003621566684455")
        .containsEntry("packageSha256", sha256(report.toJson()))
        .containsEntry("acceptedOrder", "1")
        .doesNotContainKeys("supersedes", "removalReason");
  }

  @Test
  void a_retry_under_the_same_key_is_answered_once() throws Exception {
    start();
    byte[] report = TestPackages.first("ACC-1").toJson();

    Reply first = post("/documents", report, "upload-1");
    Reply again = post("/documents", report, "upload-1");

    assertThat(again).isEqualTo(first);
    assertThat(again.status()).isEqualTo(200);
    assertThat(state().resources("document")).hasSize(1);
    assertThat(state().replayedCalls()).isEqualTo(1);
  }

  @Test
  void the_same_package_under_a_new_key_is_a_duplicate() throws Exception {
    start();
    DocumentPackage report = TestPackages.first("ACC-1");
    upload(report.toJson());

    Reply again = upload(report.toJson());

    assertRefused(again, 409, "DUPLICATE_DOCUMENT", "already uploaded with this content");
    assertThat(again.reason()).contains(report.documentId());
    assertThat(state().resources("document")).hasSize(1);
  }

  @Test
  void other_content_under_a_held_id_is_a_conflict() throws Exception {
    start();
    DocumentPackage report = TestPackages.first("ACC-1");
    upload(report.toJson());
    DocumentPackage other =
        new DocumentPackage(
            report.documentId(),
            report.setId(),
            1,
            null,
            report.ihi(),
            report.author(),
            report.organisation(),
            report.documentType(),
            "CT Chest report (corrected title)",
            report.accession(),
            report.authored(),
            report.report());

    assertRefused(upload(other.toJson()), 409, "DOCUMENT_ID_CONFLICT", report.documentId());
    assertThat(state().resource(report.documentId()).attribute("packageSha256"))
        .isEqualTo(sha256(report.toJson()));
  }

  @Test
  void a_package_without_an_ihi_is_refused() throws Exception {
    start();

    Reply reply = upload(TestPackages.first("ACC-1").withIhi(null).toJson());

    assertRefused(reply, 422, "IHI_NOT_VERIFIED", "no patient IHI");
    assertThat(state().resources("document")).isEmpty();
  }

  @Test
  void an_ihi_of_the_wrong_shape_is_refused_by_the_default_check() throws Exception {
    start();

    Reply reply = upload(TestPackages.first("ACC-1").withIhi("1234").toJson());

    assertRefused(reply, 422, "IHI_NOT_VERIFIED", "1234");
  }

  @Test
  void an_ihi_the_identity_service_refuses_is_refused_with_its_reason() throws Exception {
    String refused = "8003608111111111";
    start(
        ihi -> ihi.equals(refused) ? Optional.of("IHI " + ihi + " is deceased") : Optional.empty());

    Reply reply = upload(TestPackages.first("ACC-1").withIhi(refused).toJson());

    assertRefused(reply, 422, "IHI_NOT_VERIFIED", "IHI 8003608111111111 is deceased");
    assertThat(upload(TestPackages.first("ACC-2").toJson()).status()).isEqualTo(200);
  }

  @Test
  void an_amendment_supersedes_its_original_and_is_accepted_after_it() throws Exception {
    start();
    DocumentPackage original = TestPackages.first("ACC-1");
    DocumentPackage amended = TestPackages.amendment("ACC-1", original);
    upload(original.toJson());

    Reply reply = upload(amended.toJson());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("id").asString()).isEqualTo(amended.documentId());
    SimulatorState state = state();
    assertThat(state.resource(original.documentId()).status()).isEqualTo("SUPERSEDED");
    Resource replacement = state.resource(amended.documentId());
    assertThat(replacement.status()).isEqualTo("CURRENT");
    assertThat(replacement.attributes())
        .containsEntry("supersedes", original.documentId())
        .containsEntry("version", "2")
        .containsEntry("setId", original.setId());
    assertThat(order(replacement)).isGreaterThan(order(state.resource(original.documentId())));
  }

  @Test
  void only_a_current_document_can_be_superseded() throws Exception {
    start();
    DocumentPackage original = TestPackages.first("ACC-1");
    upload(original.toJson());
    upload(TestPackages.amendment("ACC-1", original).toJson());

    Reply late =
        upload(TestPackages.version("ACC-1", 3, TestPackages.IHI, original.documentId()).toJson());

    assertRefused(late, 409, "DOCUMENT_NOT_CURRENT", original.documentId() + " is SUPERSEDED");
    assertThat(state().resources("document")).hasSize(2);
  }

  @Test
  void a_removed_document_cannot_be_superseded_either() throws Exception {
    start();
    DocumentPackage original = TestPackages.first("ACC-1");
    upload(original.toJson());
    remove(original.documentId(), "WITHDRAWN");

    Reply reply = upload(TestPackages.amendment("ACC-1", original).toJson());

    assertRefused(reply, 409, "DOCUMENT_NOT_CURRENT", "is REMOVED");
  }

  @Test
  void superseding_a_document_that_does_not_exist_is_refused() throws Exception {
    start();
    DocumentPackage orphan = TestPackages.version("ACC-1", 2, TestPackages.IHI, "2.25.12345");

    assertRefused(upload(orphan.toJson()), 422, "PARENT_NOT_FOUND", "2.25.12345");
    assertThat(state().resources("document")).isEmpty();
  }

  @Test
  void superseding_a_document_of_another_set_is_refused_and_changes_nothing() throws Exception {
    start();
    DocumentPackage otherStudy = TestPackages.first("ACC-2");
    upload(otherStudy.toJson());

    Reply reply =
        upload(
            TestPackages.version("ACC-1", 2, TestPackages.IHI, otherStudy.documentId()).toJson());

    assertRefused(reply, 422, "SET_MISMATCH", otherStudy.setId());
    assertThat(state().resource(otherStudy.documentId()).status()).isEqualTo("CURRENT");
    assertThat(state().resources("document")).hasSize(1);
  }

  @Test
  void a_document_is_removed_with_either_reason_and_keeps_it() throws Exception {
    start();
    DocumentPackage withdrawn = TestPackages.first("ACC-1");
    DocumentPackage misfiled = TestPackages.first("ACC-2");
    upload(withdrawn.toJson());
    upload(misfiled.toJson());

    Reply first = remove(withdrawn.documentId(), "WITHDRAWN");
    Reply second = remove(misfiled.documentId(), "INCORRECT_IDENTITY");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("data").path("status").asString()).isEqualTo("REMOVED");
    assertThat(second.body().path("data").path("removalReason").asString())
        .isEqualTo("INCORRECT_IDENTITY");
    SimulatorState state = state();
    assertThat(state.resource(withdrawn.documentId()).attribute("removalReason"))
        .isEqualTo("WITHDRAWN");
    assertThat(state.resource(misfiled.documentId()).status()).isEqualTo("REMOVED");
    assertThat(state.resource(misfiled.documentId()).attribute("removalReason"))
        .isEqualTo("INCORRECT_IDENTITY");
  }

  @Test
  void removing_again_answers_the_same_and_keeps_the_first_reason() throws Exception {
    start();
    DocumentPackage report = TestPackages.first("ACC-1");
    upload(report.toJson());

    Reply first = remove(report.documentId(), "WITHDRAWN");
    Reply again = remove(report.documentId(), "INCORRECT_IDENTITY");

    assertThat(again).isEqualTo(first);
    assertThat(state().resource(report.documentId()).attribute("removalReason"))
        .isEqualTo("WITHDRAWN");
  }

  @Test
  void removal_needs_a_known_reason_and_a_known_document() throws Exception {
    start();
    DocumentPackage report = TestPackages.first("ACC-1");
    upload(report.toJson());
    String path = "/documents/" + report.documentId() + "/remove";

    assertRefused(remove(report.documentId(), "BORED"), 400, "INVALID_REASON", "WITHDRAWN");
    assertRefused(post(path, bytes("{}"), key()), 400, "INVALID_REASON", "INCORRECT_IDENTITY");
    assertRefused(post(path, bytes("not json"), key()), 400, "INVALID_REASON", "reason");
    assertRefused(remove("2.25.404", "WITHDRAWN"), 404, "NOT_FOUND", "2.25.404");
    assertThat(state().resource(report.documentId()).status()).isEqualTo("CURRENT");
  }

  @Test
  void a_malformed_package_is_refused_naming_what_is_wrong() throws Exception {
    start();
    String json = new String(TestPackages.first("ACC-1").toJson(), StandardCharsets.UTF_8);

    assertInvalid("not json", "not JSON");
    assertInvalid("", "not a JSON object");
    assertInvalid(json.replace("\"documentId\"", "\"x\""), "documentId");
    assertInvalid(json.replace("\"setId\"", "\"x\""), "setId");
    assertInvalid(json.replace("\"version\":1", "\"x\":1"), "version");
    assertInvalid(json.replace("\"author\"", "\"x\""), "author");
    assertInvalid(json.replace("\"organisation\"", "\"x\""), "organisation");
    assertInvalid(json.replace("\"ref\"", "\"x\""), "report.ref");
    assertThat(state().resources("document")).isEmpty();
  }

  @Test
  void the_control_api_shows_every_document_with_its_lifecycle() throws Exception {
    cluster = SimulatorCluster.start(InetAddress.getLoopbackAddress());
    TestPackages.knownTo(cluster);
    URI base = cluster.baseUrls().get(Service.NATIONAL_RECORD);
    DocumentPackage original = TestPackages.first("ACC-1");
    DocumentPackage amended = TestPackages.amendment("ACC-1", original);
    post(base, "/documents", original.toJson(), key());
    post(base, "/documents", amended.toJson(), key());
    post(
        base,
        "/documents/" + amended.documentId() + "/remove",
        bytes("{\"reason\":\"WITHDRAWN\"}"),
        key());

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(cluster.controlUrl() + "/state/national-record"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    JsonNode documents = JSON.readTree(response.body()).path("resources");
    assertThat(documents.size()).isEqualTo(2);
    JsonNode first = documents.get(0).path("attributes");
    JsonNode second = documents.get(1).path("attributes");
    assertThat(documents.get(0).path("id").asString()).isEqualTo(original.documentId());
    assertThat(documents.get(0).path("status").asString()).isEqualTo("SUPERSEDED");
    assertThat(documents.get(1).path("status").asString()).isEqualTo("REMOVED");
    assertThat(first.path("version").asString()).isEqualTo("1");
    assertThat(second.path("version").asString()).isEqualTo("2");
    assertThat(second.path("supersedes").asString()).isEqualTo(original.documentId());
    assertThat(second.path("ihi").asString()).isEqualTo(TestPackages.IHI);
    assertThat(second.path("removalReason").asString()).isEqualTo("WITHDRAWN");
    assertThat(second.path("acceptedOrder").asInt())
        .isGreaterThan(first.path("acceptedOrder").asInt());
  }

  private void start() throws IOException {
    simulator = Simulator.start(new SimulatedNationalRecord(), loopback());
  }

  private void start(SimulatedNationalRecord.IdentityCheck identity) throws IOException {
    simulator = Simulator.start(new SimulatedNationalRecord(identity), loopback());
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  private SimulatorState state() {
    return simulator.state();
  }

  private Reply upload(byte[] documentPackage) throws Exception {
    return post("/documents", documentPackage, key());
  }

  private Reply remove(String documentId, String reason) throws Exception {
    return post(
        "/documents/" + documentId + "/remove", bytes("{\"reason\":\"" + reason + "\"}"), key());
  }

  private Reply post(String path, byte[] body, String key) throws Exception {
    return post(simulator.baseUrl(), path, body, key);
  }

  private Reply post(URI base, String path, byte[] body, String key) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), JSON.readTree(response.body()));
  }

  private void assertInvalid(String body, String naming) throws Exception {
    assertRefused(post("/documents", bytes(body), key()), 400, "INVALID_PACKAGE", naming);
  }

  private static void assertRefused(Reply reply, int status, String code, String reasonPart) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.body().path("code").asString()).isEqualTo(code);
    assertThat(reply.reason()).contains(reasonPart);
  }

  private String key() {
    return "key-" + keys.incrementAndGet();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static int order(Resource document) {
    return Integer.parseInt(document.attribute("acceptedOrder"));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private record Reply(int status, JsonNode body) {
    String reason() {
      return body.path("reason").asString("");
    }
  }
}
