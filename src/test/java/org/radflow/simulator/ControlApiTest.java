package org.radflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.national.IdentitySearch;
import org.radflow.national.TestPackages;
import org.radflow.ports.CallContext;
import org.radflow.ports.HttpPorts;
import org.radflow.ports.PortOutcome;
import org.radflow.ports.Ports;
import org.radflow.workflow.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The control API, over real HTTP, as an end-to-end test in another process would use it. */
class ControlApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private SimulatorCluster cluster;
  private Ports ports;

  @BeforeEach
  void start() {
    cluster = SimulatorCluster.start(InetAddress.getLoopbackAddress());
    TestPackages.knownTo(cluster);
    ports = HttpPorts.connect(cluster.baseUrls());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void takes_a_service_down_reads_its_state_and_brings_it_back_while_it_is_down() throws Exception {
    ports.scheduling().reserveSlot(key("k-1"), "ACC-1", "P-1", "CT");

    assertThat(send("POST", "/faults/scheduling", "{\"mode\":\"DOWN\"}").statusCode())
        .isEqualTo(200);
    assertThat(ports.probe(Service.SCHEDULING).healthy(Duration.ofMillis(500))).isFalse();
    JsonNode state = JSON.readTree(send("GET", "/state/scheduling", "").body());
    assertThat(state.path("resources").get(0).path("status").asString()).isEqualTo("RESERVED");
    assertThat(state.path("resources").get(0).path("createdByKey").asString()).isEqualTo("k-1");
    assertThat(state.path("callsPerKey").path("k-1").asInt()).isEqualTo(1);

    assertThat(send("POST", "/faults/scheduling", "{\"mode\":\"NONE\"}").statusCode())
        .isEqualTo(200);
    assertThat(ports.probe(Service.SCHEDULING).healthy(Duration.ofSeconds(1))).isTrue();
  }

  @Test
  void sets_a_counted_fault_with_a_status() throws Exception {
    HttpResponse<String> set =
        send(
            "POST",
            "/faults/national-record",
            "{\"mode\":\"ERROR_5XX\",\"status\":503,\"remaining\":1}");

    assertThat(JSON.readTree(set.body()).path("remaining").asInt()).isEqualTo(1);
    assertThat(ports.nationalRecord().upload(key("p"), TestPackages.first("A").toJson()))
        .isInstanceOf(PortOutcome.Unavailable.class);
    assertThat(
            JSON.readTree(send("GET", "/faults/national-record", "").body())
                .path("mode")
                .asString())
        .isEqualTo("NONE");
  }

  @Test
  void switches_behaviour_of_identity_archive_and_billing() throws Exception {
    send("PUT", "/identity/unknown-patients", "{\"patientIds\":[\"P-9\"]}");
    send("PUT", "/image-archive/uncommitted", "{\"accessions\":[\"ACC-9\"]}");
    send("PUT", "/billing/verdict", "{\"status\":\"REJECTED\",\"reason\":\"no cover\"}");
    PortOutcome.Done charge =
        (PortOutcome.Done) ports.billing().seedCharge(key("c"), "A", "P", "CT");
    PortOutcome.Done claim =
        (PortOutcome.Done) ports.billing().submitClaim(key("cl"), charge.externalRef());

    assertThat(ports.identity().lookup(key("l"), searchFor("MRN", "P-9")))
        .isInstanceOf(PortOutcome.Rejected.class);
    assertThat(((PortOutcome.Done) ports.archive().storageCommitment(key("s"), "ACC-9")).data())
        .containsEntry("committed", "false");
    assertThat(
            ((PortOutcome.Done) ports.billing().claimStatus(key("st"), claim.externalRef())).data())
        .containsEntry("status", "REJECTED");

    send("PUT", "/billing/claims/" + claim.externalRef() + "/verdict", "{\"status\":\"ACCEPTED\"}");
    assertThat(
            ((PortOutcome.Done) ports.billing().claimStatus(key("st"), claim.externalRef())).data())
        .containsEntry("status", "ACCEPTED");
  }

  @Test
  void refuses_nonsense_with_400() throws Exception {
    assertThat(send("POST", "/faults/scheduling", "{\"mode\":\"EXPLODE\"}").statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/faults/nowhere", "{\"mode\":\"NONE\"}").statusCode()).isEqualTo(400);
    assertThat(
            send("POST", "/faults/scheduling", "{\"mode\":\"DOWN\",\"remaining\":2}").statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "/nothing-here", "").statusCode()).isEqualTo(404);
  }

  @Test
  void lists_every_service_url() throws Exception {
    JsonNode services = JSON.readTree(send("GET", "/services", "").body());

    for (Service service : Service.values()) {
      assertThat(services.path(service.slug()).asString())
          .isEqualTo(cluster.baseUrls().get(service).toString());
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(cluster.controlUrl() + path))
            .timeout(Duration.ofSeconds(2))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] searchFor(String authority, String patientId) {
    return IdentitySearch.forSubject(UUID.randomUUID(), authority, patientId).toJson();
  }

  private static CallContext key(String idempotencyKey) {
    return new CallContext(idempotencyKey, Duration.ofSeconds(2));
  }
}
