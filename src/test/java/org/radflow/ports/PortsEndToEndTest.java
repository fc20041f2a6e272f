package org.radflow.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.national.DocumentPackage;
import org.radflow.national.IdentitySearch;
import org.radflow.national.RemovalReason;
import org.radflow.national.TestPackages;
import org.radflow.ports.PortOutcome.Done;
import org.radflow.ports.PortOutcome.Rejected;
import org.radflow.simulator.ClaimVerdict;
import org.radflow.simulator.SimulatedIdentity;
import org.radflow.simulator.SimulatorCluster;
import org.radflow.workflow.Service;

/** Every port operation, through the real HTTP adapters, against the real simulators. */
class PortsEndToEndTest {

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
  void identity_answers_a_stable_ihi_and_refuses_unknown_patients() {
    PortOutcome found = ports.identity().lookup(call(), searchFor("MRN-HOSP", "P-1"));
    cluster.identity().unknownPatient("P-404");
    PortOutcome missing = ports.identity().lookup(call(), searchFor("MRN-HOSP", "P-404"));

    String ihi = SimulatedIdentity.ihi("MRN-HOSP", "P-1");
    assertThat(ihi).hasSize(16).startsWith("8003608");
    assertThat(found)
        .isEqualTo(
            new Done(
                ihi, Map.of("ihi", ihi, "numberStatus", "ACTIVE", "recordStatus", "VERIFIED")));
    assertThat(missing).isInstanceOf(Rejected.class);
    assertThat(((Rejected) missing).code()).isEqualTo("IHI_NOT_FOUND");
    assertThat(((Rejected) missing).reason()).contains("P-404");
  }

  @Test
  void scheduling_reserves_and_releases_a_slot() {
    Done slot = done(ports.scheduling().reserveSlot(call(), "ACC-1", "P-1", "CT-HEAD"));
    Done released = done(ports.scheduling().releaseSlot(call(), slot.externalRef()));

    assertThat(released.externalRef()).isEqualTo(slot.externalRef());
    assertThat(cluster.simulator(Service.SCHEDULING).state().resource(slot.externalRef()).status())
        .isEqualTo("RELEASED");
  }

  @Test
  void worklist_creates_and_removes_an_entry() {
    Done entry = done(ports.worklist().createEntry(call(), "ACC-1", "P-1", "CT-HEAD"));
    done(ports.worklist().removeEntry(call(), entry.externalRef()));

    assertThat(cluster.simulator(Service.WORKLIST).state().resource(entry.externalRef()))
        .satisfies(r -> assertThat(r.status()).isEqualTo("REMOVED"))
        .satisfies(r -> assertThat(r.attribute("accession")).isEqualTo("ACC-1"));
  }

  @Test
  void archive_reports_commitment_and_not_yet() {
    cluster.archive().instances("ACC-1", 42);
    cluster.archive().committed("ACC-2", false);

    assertThat(ports.archive().storageCommitment(call(), "ACC-1"))
        .isEqualTo(new Done("ACC-1", Map.of("committed", "true", "instances", "42")));
    assertThat(done(ports.archive().storageCommitment(call(), "ACC-2")).data())
        .containsEntry("committed", "false");
  }

  @Test
  void national_record_uploads_supersedes_and_removes() {
    DocumentPackage original = TestPackages.first("ACC-1");
    DocumentPackage amended = TestPackages.amendment("ACC-1", original);
    Done first = done(ports.nationalRecord().upload(call(), original.toJson()));
    Done second = done(ports.nationalRecord().upload(call(), amended.toJson()));
    PortOutcome again =
        ports
            .nationalRecord()
            .upload(
                call(),
                TestPackages.version("ACC-1", 3, TestPackages.IHI, first.externalRef()).toJson());
    done(ports.nationalRecord().remove(call(), second.externalRef(), RemovalReason.WITHDRAWN));

    var state = cluster.simulator(Service.NATIONAL_RECORD).state();
    assertThat(first.externalRef()).isEqualTo(original.documentId());
    assertThat(second.externalRef()).isEqualTo(amended.documentId());
    assertThat(state.resource(first.externalRef()).status()).isEqualTo("SUPERSEDED");
    assertThat(state.resource(second.externalRef()).status()).isEqualTo("REMOVED");
    assertThat(state.resource(second.externalRef()).attribute("removalReason"))
        .isEqualTo("WITHDRAWN");
    assertThat(state.resource(second.externalRef()).attribute("reportRef"))
        .isEqualTo(amended.report().ref());
    assertThat(again).isInstanceOf(Rejected.class);
    assertThat(((Rejected) again).code()).isEqualTo("DOCUMENT_NOT_CURRENT");
  }

  @Test
  void billing_charges_claims_checks_and_reconciles() {
    Done charge = done(ports.billing().seedCharge(call(), "ACC-1", "P-1", "CT-HEAD"));
    Done claim = done(ports.billing().submitClaim(call(), charge.externalRef()));
    Done status = done(ports.billing().claimStatus(call(), claim.externalRef()));
    Done paid = done(ports.billing().reconcile(call(), claim.externalRef()));

    assertThat(status.data()).containsEntry("status", "ACCEPTED");
    assertThat(paid.externalRef()).isEqualTo(claim.externalRef());
    assertThat(paid.data()).containsEntry("paid", "150.00");
  }

  @Test
  void billing_verdicts_are_switchable_and_only_accepted_claims_reconcile() {
    Done charge = done(ports.billing().seedCharge(call(), "ACC-1", "P-1", "CT-HEAD"));
    Done claim = done(ports.billing().submitClaim(call(), charge.externalRef()));

    cluster.billing().verdict(claim.externalRef(), ClaimVerdict.pending());
    assertThat(done(ports.billing().claimStatus(call(), claim.externalRef())).data())
        .containsEntry("status", "PENDING");
    assertThat(ports.billing().reconcile(call(), claim.externalRef()))
        .isEqualTo(
            new Rejected("CLAIM_NOT_ACCEPTED", "claim " + claim.externalRef() + " is PENDING"));

    cluster.billing().verdict(claim.externalRef(), ClaimVerdict.rejected("not covered"));
    assertThat(done(ports.billing().claimStatus(call(), claim.externalRef())).data())
        .containsEntry("status", "REJECTED")
        .containsEntry("reason", "not covered");
  }

  @Test
  void a_reversed_charge_cannot_be_claimed() {
    Done charge = done(ports.billing().seedCharge(call(), "ACC-1", "P-1", "CT-HEAD"));
    done(ports.billing().reverseCharge(call(), charge.externalRef()));

    assertThat(ports.billing().submitClaim(call(), charge.externalRef()))
        .isInstanceOf(Rejected.class)
        .extracting(outcome -> ((Rejected) outcome).code())
        .isEqualTo("CHARGE_REVERSED");
  }

  @Test
  void every_probe_is_healthy_when_nothing_is_faulted() {
    for (Service service : Service.values()) {
      assertThat(ports.probe(service).healthy(Duration.ofSeconds(2))).as(service.slug()).isTrue();
    }
  }

  private static byte[] searchFor(String authority, String patientId) {
    return IdentitySearch.forSubject(UUID.randomUUID(), authority, patientId).toJson();
  }

  private static CallContext call() {
    return new CallContext(UUID.randomUUID().toString(), Duration.ofSeconds(2));
  }

  private static Done done(PortOutcome outcome) {
    assertThat(outcome).isInstanceOf(Done.class);
    return (Done) outcome;
  }
}
