package org.radflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.radflow.ports.BillingPort;
import org.radflow.ports.CallContext;
import org.radflow.ports.HttpPorts;
import org.radflow.ports.PortOutcome;
import org.radflow.workflow.Service;

/**
 * The payer's verdict on a claim, set over the control API as a driver in another process sets it:
 * for one claim, for the claim of one accession, or for all, the narrowest one winning.
 */
class SimulatedBillingTest {

  private final SimulatorCluster cluster = SimulatorCluster.start(InetAddress.getLoopbackAddress());
  private final ControlClient control = new ControlClient(cluster.controlUrl());
  private final BillingPort billing = HttpPorts.connect(cluster.baseUrls()).billing();
  private int calls;

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void a_verdict_for_an_accession_set_before_its_claim_exists_answers_that_claim_only() {
    control.claimVerdict("ACC-REJ", ClaimVerdict.rejected("item number not payable"));

    String rejected = claimFor("ACC-REJ");
    String other = claimFor("ACC-OK");

    assertThat(status(rejected))
        .containsEntry("status", "REJECTED")
        .containsEntry("reason", "item number not payable");
    assertThat(status(other)).containsEntry("status", "ACCEPTED").doesNotContainKey("reason");
  }

  @Test
  void the_payer_reconsidering_an_accession_accepts_its_claim_and_lets_it_reconcile() {
    control.claimVerdict("ACC-APPEAL", ClaimVerdict.rejected("missing referral"));
    String claim = claimFor("ACC-APPEAL");
    assertThat(billing.reconcile(key("rec-1"), claim))
        .isInstanceOfSatisfying(
            PortOutcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("CLAIM_NOT_ACCEPTED"));

    control.claimVerdict("ACC-APPEAL", ClaimVerdict.accepted());

    assertThat(status(claim)).containsEntry("status", "ACCEPTED").doesNotContainKey("reason");
    assertThat(billing.reconcile(key("rec-2"), claim)).isInstanceOf(PortOutcome.Done.class);
    assertThat(cluster.simulator(Service.BILLING).state().resources("claim"))
        .singleElement()
        .extracting(Resource::status)
        .isEqualTo("RECONCILED");
  }

  @Test
  void a_claims_own_verdict_wins_over_its_accessions_which_wins_over_the_one_for_all() {
    cluster.billing().verdictForAll(ClaimVerdict.pending());
    String pending = claimFor("ACC-ALL");
    String byAccession = claimFor("ACC-ONE");
    String byClaim = claimFor("ACC-ONE");

    control.claimVerdict("ACC-ONE", ClaimVerdict.rejected("duplicate service"));
    cluster.billing().verdict(byClaim, ClaimVerdict.accepted());

    assertThat(status(pending)).containsEntry("status", "PENDING");
    assertThat(status(byAccession)).containsEntry("status", "REJECTED");
    assertThat(status(byClaim)).containsEntry("status", "ACCEPTED");
  }

  @Test
  void a_rejection_without_a_reason_is_refused_with_400() throws Exception {
    HttpResponse<String> refused =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        cluster.controlUrl().resolve("/billing/accessions/ACC-X/verdict"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"REJECTED\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("needs a reason");
    assertThat(status(claimFor("ACC-X"))).containsEntry("status", "ACCEPTED");
  }

  private String claimFor(String accession) {
    PortOutcome.Done charge =
        (PortOutcome.Done) billing.seedCharge(key("charge-" + next()), accession, "P-1", "CT");
    PortOutcome.Done claim =
        (PortOutcome.Done) billing.submitClaim(key("claim-" + next()), charge.externalRef());
    return claim.externalRef();
  }

  private Map<String, String> status(String claim) {
    return ((PortOutcome.Done) billing.claimStatus(key("status-" + next()), claim)).data();
  }

  private int next() {
    return ++calls;
  }

  private static CallContext key(String idempotencyKey) {
    return new CallContext(idempotencyKey, Duration.ofSeconds(2));
  }
}
