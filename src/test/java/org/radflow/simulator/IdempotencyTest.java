package org.radflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.national.RemovalReason;
import org.radflow.national.TestPackages;
import org.radflow.ports.CallContext;
import org.radflow.ports.HttpPorts;
import org.radflow.ports.PortOutcome;
import org.radflow.ports.PortOutcome.Done;
import org.radflow.ports.Ports;
import org.radflow.workflow.Service;

/** A repeated idempotency key repeats the answer, never the side effect. */
class IdempotencyTest {

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
  void a_repeated_key_returns_the_first_document_and_publishes_no_second() {
    byte[] report = TestPackages.first("ACC-1").toJson();
    PortOutcome first = ports.nationalRecord().upload(key("publish-ACC-1"), report);
    PortOutcome again = ports.nationalRecord().upload(key("publish-ACC-1"), report);

    SimulatorState state = cluster.simulator(Service.NATIONAL_RECORD).state();
    assertThat(again).isEqualTo(first);
    assertThat(state.resources("document", "accession", "ACC-1")).hasSize(1);
    assertThat(state.resources("document").get(0).createdByKey()).isEqualTo("publish-ACC-1");
    assertThat(state.calls("publish-ACC-1")).isEqualTo(2);
    assertThat(state.mutatingCalls()).isEqualTo(2);
    assertThat(state.replayedCalls()).isEqualTo(1);
  }

  @Test
  void a_repeated_key_seeds_no_second_charge_while_a_new_key_does() {
    Done first = (Done) ports.billing().seedCharge(key("charge-ACC-1"), "ACC-1", "P-1", "CT");
    Done again = (Done) ports.billing().seedCharge(key("charge-ACC-1"), "ACC-1", "P-1", "CT");
    Done other = (Done) ports.billing().seedCharge(key("charge-ACC-1-b"), "ACC-1", "P-1", "CT");

    assertThat(again.externalRef()).isEqualTo(first.externalRef());
    assertThat(other.externalRef()).isNotEqualTo(first.externalRef());
    assertThat(cluster.simulator(Service.BILLING).state().resources("charge")).hasSize(2);
  }

  @Test
  void a_refusal_is_not_remembered_so_the_same_key_succeeds_once_the_state_allows() {
    Done charge = (Done) ports.billing().seedCharge(key("c"), "ACC-1", "P-1", "CT");
    Done claim = (Done) ports.billing().submitClaim(key("claim"), charge.externalRef());
    cluster.billing().verdict(claim.externalRef(), ClaimVerdict.pending());

    assertThat(ports.billing().reconcile(key("pay"), claim.externalRef()))
        .isInstanceOf(PortOutcome.Rejected.class);
    cluster.billing().verdict(claim.externalRef(), ClaimVerdict.accepted());
    assertThat(ports.billing().reconcile(key("pay"), claim.externalRef())).isInstanceOf(Done.class);
  }

  @Test
  void undo_changes_status_once_and_answers_the_same_under_any_key() {
    Done slot = (Done) ports.scheduling().reserveSlot(key("reserve"), "ACC-1", "P-1", "CT");
    PortOutcome released = ports.scheduling().releaseSlot(key("release"), slot.externalRef());
    PortOutcome replayed = ports.scheduling().releaseSlot(key("release"), slot.externalRef());
    PortOutcome releasedAgain =
        ports.scheduling().releaseSlot(key("release-2"), slot.externalRef());

    assertThat(replayed).isEqualTo(released);
    assertThat(releasedAgain).isEqualTo(released);
    SimulatorState state = cluster.simulator(Service.SCHEDULING).state();
    assertThat(state.resources("slot"))
        .singleElement()
        .extracting(Resource::status)
        .isEqualTo("RELEASED");
  }

  @Test
  void undoing_what_does_not_exist_is_not_found() {
    assertThat(ports.worklist().removeEntry(key("remove"), "entry-999999"))
        .isEqualTo(new PortOutcome.Rejected("NOT_FOUND", "no entry entry-999999"));
    assertThat(ports.billing().reverseCharge(key("reverse"), "nope"))
        .isInstanceOf(PortOutcome.Rejected.class);
    assertThat(ports.nationalRecord().remove(key("remove-doc"), "2.25.42", RemovalReason.WITHDRAWN))
        .isInstanceOf(PortOutcome.Rejected.class);
  }

  @Test
  void a_mutating_call_without_a_key_is_refused_and_creates_nothing() throws Exception {
    URI slots = URI.create(cluster.baseUrls().get(Service.SCHEDULING) + "/slots");
    HttpRequest request =
        HttpRequest.newBuilder(slots)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"accession\":\"A\",\"patientId\":\"P\",\"procedure\":\"CT\"}"))
            .build();

    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("MISSING_IDEMPOTENCY_KEY");
    assertThat(cluster.simulator(Service.SCHEDULING).state().resources()).isEmpty();
  }

  @Test
  void concurrent_calls_with_one_key_create_one_resource() throws Exception {
    Thread[] callers = new Thread[8];
    for (int i = 0; i < callers.length; i++) {
      callers[i] =
          new Thread(() -> ports.worklist().createEntry(key("same"), "ACC-1", "P-1", "CT"));
      callers[i].start();
    }
    for (Thread caller : callers) {
      caller.join();
    }

    SimulatorState state = cluster.simulator(Service.WORKLIST).state();
    assertThat(state.resources("entry")).hasSize(1);
    assertThat(state.calls("same")).isEqualTo(8);
  }

  private static CallContext key(String idempotencyKey) {
    return new CallContext(idempotencyKey, Duration.ofSeconds(2));
  }
}
