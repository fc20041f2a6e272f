package org.radflow.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.national.IdentitySearch;
import org.radflow.national.TestPackages;
import org.radflow.ports.PortOutcome.Done;
import org.radflow.ports.PortOutcome.Failed;
import org.radflow.ports.PortOutcome.Rejected;
import org.radflow.ports.PortOutcome.Unavailable;
import org.radflow.simulator.Fault;
import org.radflow.simulator.SimulatorCluster;
import org.radflow.workflow.Service;

/** Each simulator fault reaches the engine as the documented {@link PortOutcome}. */
class FaultOutcomeTest {

  private static final Duration PATIENT = Duration.ofSeconds(2);

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
  void down_is_unavailable_naming_the_service() {
    cluster.fault(Service.WORKLIST, Fault.down());

    PortOutcome outcome = ports.worklist().createEntry(call(PATIENT), "ACC-1", "P-1", "CT");

    assertThat(outcome).isInstanceOf(Unavailable.class);
    assertThat(((Unavailable) outcome).reason()).contains("modality worklist").contains("refused");
  }

  @Test
  void timeout_is_unavailable_as_soon_as_the_client_gives_up() {
    cluster.fault(Service.NATIONAL_RECORD, Fault.timeout());

    long started = System.nanoTime();
    PortOutcome outcome =
        ports
            .nationalRecord()
            .upload(call(Duration.ofMillis(300)), TestPackages.first("ACC-1").toJson());

    assertThat(outcome).isInstanceOf(Unavailable.class);
    assertThat(((Unavailable) outcome).reason()).contains("no answer within");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void a_timed_out_call_still_happened_so_its_retry_creates_nothing_new() {
    cluster.fault(Service.NATIONAL_RECORD, new Fault(Fault.Mode.TIMEOUT, 500, 500, 1));
    CallContext first = new CallContext("publish-ACC-1", Duration.ofMillis(200));

    byte[] report = TestPackages.first("ACC-1").toJson();
    assertThat(ports.nationalRecord().upload(first, report)).isInstanceOf(Unavailable.class);
    await()
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                cluster.simulator(Service.NATIONAL_RECORD).state().resources("document").size()
                    == 1);
    PortOutcome retry =
        ports.nationalRecord().upload(new CallContext("publish-ACC-1", PATIENT), report);

    var state = cluster.simulator(Service.NATIONAL_RECORD).state();
    assertThat(retry).isInstanceOf(Done.class);
    assertThat(((Done) retry).externalRef()).isEqualTo(state.resources("document").get(0).id());
    assertThat(state.resources("document", "accession", "ACC-1")).hasSize(1);
    assertThat(state.calls("publish-ACC-1")).isEqualTo(2);
  }

  @Test
  void error_5xx_is_failed() {
    cluster.fault(Service.BILLING, Fault.error(500));

    PortOutcome outcome = ports.billing().seedCharge(call(PATIENT), "ACC-1", "P-1", "CT");

    assertThat(outcome).isInstanceOf(Failed.class);
    assertThat(((Failed) outcome).reason()).contains("billing system").contains("500");
  }

  @Test
  void status_503_is_unavailable() {
    cluster.fault(Service.SCHEDULING, Fault.error(503));

    assertThat(ports.scheduling().reserveSlot(call(PATIENT), "ACC-1", "P-1", "CT"))
        .isInstanceOf(Unavailable.class);
  }

  @Test
  void reject_is_a_business_refusal() {
    cluster.fault(Service.IDENTITY, Fault.reject());

    assertThat(
            ports
                .identity()
                .lookup(
                    call(PATIENT),
                    IdentitySearch.forSubject(UUID.randomUUID(), "MRN", "P-1").toJson()))
        .isInstanceOf(Rejected.class)
        .extracting(outcome -> ((Rejected) outcome).code())
        .isEqualTo("REJECTED_BY_SIMULATOR");
  }

  @Test
  void slow_is_done_but_later() {
    cluster.fault(Service.IMAGE_ARCHIVE, Fault.slow(300));

    long started = System.nanoTime();
    PortOutcome outcome = ports.archive().storageCommitment(call(PATIENT), "ACC-1");

    assertThat(outcome).isInstanceOf(Done.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void a_counted_fault_clears_itself_after_its_calls() {
    cluster.fault(Service.WORKLIST, Fault.error(502).times(2));

    assertThat(ports.worklist().createEntry(call(PATIENT), "A", "P", "CT"))
        .isInstanceOf(Failed.class);
    assertThat(ports.worklist().createEntry(call(PATIENT), "A", "P", "CT"))
        .isInstanceOf(Failed.class);
    assertThat(ports.worklist().createEntry(call(PATIENT), "A", "P", "CT"))
        .isInstanceOf(Done.class);
    assertThat(cluster.simulator(Service.WORKLIST).fault()).isEqualTo(Fault.none());
  }

  @Test
  void health_is_false_while_down_or_failing_and_true_after() {
    HealthProbe probe = ports.probe(Service.BILLING);
    Duration timeout = Duration.ofMillis(500);

    cluster.fault(Service.BILLING, Fault.down());
    assertThat(probe.healthy(timeout)).isFalse();
    cluster.fault(Service.BILLING, Fault.error(500));
    assertThat(probe.healthy(timeout)).isFalse();
    cluster.fault(Service.BILLING, Fault.timeout());
    assertThat(probe.healthy(Duration.ofMillis(200))).isFalse();
    cluster.fault(Service.BILLING, Fault.none());
    assertThat(probe.healthy(timeout)).isTrue();
  }

  @Test
  void a_service_brought_back_up_answers_on_the_same_port() {
    cluster.fault(Service.SCHEDULING, Fault.down());
    assertThat(ports.scheduling().reserveSlot(call(PATIENT), "ACC-1", "P-1", "CT"))
        .isInstanceOf(Unavailable.class);

    cluster.fault(Service.SCHEDULING, Fault.none());

    assertThat(ports.scheduling().reserveSlot(call(PATIENT), "ACC-1", "P-1", "CT"))
        .isInstanceOf(Done.class);
  }

  private static CallContext call(Duration timeout) {
    return new CallContext(UUID.randomUUID().toString(), timeout);
  }
}
