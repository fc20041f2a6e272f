package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.radflow.api.StudyDriver.kind;
import static org.radflow.api.StudyDriver.names;
import static org.radflow.api.StudyDriver.operator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.simulator.ClaimVerdict;
import org.radflow.simulator.ControlClient;
import org.radflow.simulator.Resource;
import org.radflow.simulator.SimulatorState;
import org.radflow.workflow.Service;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A claim the payer rejects, end to end as an operator and a driver see it: the claim answer fails
 * into the exception lane, the payer is told (over the simulators' control API) to reconsider, and
 * a redrive through radflow's API carries the study to reconciliation, billing it once.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "radflow.mllp.port=0")
class ClaimRedriveEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String ACCESSION = "ACC-CLAIM-REJ";
  private static final String PAYER_SAYS = "item number not payable for this referrer";
  private static SimulatedWorld world;

  @LocalServerPort int port;
  Api api;
  StudyDriver driver;
  ControlClient control;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    world = SimulatedWorld.start("radflow-claim-redrive");
    world.register(registry, Map.of());
  }

  @AfterAll
  static void stopSimulators() {
    world.close();
  }

  @BeforeEach
  void connect() {
    api = world.admin(port);
    driver = new StudyDriver(api, Bodies.uniqueAuthority(), PATIENCE);
    control = new ControlClient(world.simulators().controlUrl());
  }

  @Test
  void
      a_rejected_claim_waits_in_the_exception_lane_and_a_redrive_after_the_payer_accepts_reconciles_it_once() {
    control.claimVerdict(ACCESSION, ClaimVerdict.rejected(PAYER_SAYS));
    String id = driver.open(ACCESSION, "P-CLAIM-REJ");
    driver.awaitState(id, "clinical", "PROCEDURE_SCHEDULED");
    driver.transition(id, "ACQUISITION_STARTED", "acq-start");
    driver.transition(id, "ACQUISITION_COMPLETED", "acq-done");
    driver.transition(id, "REPORT_FINALISED", "report-final");

    JsonNode rejected = awaitClaimFailure(id, -1);
    String step = rejected.path("step").asString();
    assertThat(driver.stepOf(id, "FETCH_CLAIM_ANSWER").path("id").asString()).isEqualTo(step);
    assertThat(rejected.path("reason").asString())
        .contains(PAYER_SAYS, "redrive this step", "write the charge off");
    assertThat(names(rejected.path("actions"))).contains("REDRIVE", "COMPENSATE", "RESOLVE");
    JsonNode inException = driver.study(id);
    assertThat(inException.path("tracks").path("administrative").asString())
        .isEqualTo("CLAIM_EXCEPTION");
    assertThat(inException.path("status").path("kind").asString()).isEqualTo("IN_EXCEPTION");

    // Redriven before the payer changed its mind: asked again, rejected again, a new exception.
    assertThat(redrive(step, "asked the payer to look again").status()).isEqualTo(200);
    JsonNode again = awaitClaimFailure(id, rejected.path("exception").asLong());
    assertThat(again.path("step").asString()).isEqualTo(step);
    assertThat(driver.lane(id)).singleElement();

    control.claimVerdict(ACCESSION, ClaimVerdict.accepted());
    Api.Response redriven = redrive(step, "payer accepted the corrected claim");
    assertThat(redriven.status()).as(redriven.text()).isEqualTo(200);

    driver.awaitState(id, "administrative", "FINANCIALLY_RECONCILED");
    JsonNode study = driver.study(id);
    assertThat(study.path("status").path("kind").asString()).isEqualTo("FINANCIALLY_COMPLETE");
    assertThat(driver.lane(id)).isEmpty();
    List<JsonNode> steps = driver.steps(id);
    assertThat(steps)
        .filteredOn(s -> kind(s).equals("FETCH_CLAIM_ANSWER"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.path("status").asString()).isEqualTo("SUCCEEDED");
              assertThat(s.path("redrives").asInt()).isEqualTo(2);
            });
    List<JsonNode> reconciles = steps.stream().filter(s -> kind(s).equals("RECONCILE")).toList();
    assertThat(reconciles).hasSize(1);
    JsonNode reconcile = reconciles.get(0);
    assertThat(reconcile.path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(
            StreamSupport.stream(
                    api.get("/api/v1/studies/" + id + "/history")
                        .json()
                        .path("entries")
                        .spliterator(),
                    false)
                .map(e -> e.path("transition").path("type").asString(""))
                .filter(
                    t ->
                        t.startsWith("CLAIM_")
                            || t.startsWith("EXCEPTION_")
                            || t.equals("FINANCIALLY_RECONCILED")))
        .containsExactly(
            "CLAIM_SUBMITTED",
            "CLAIM_REJECTED",
            "EXCEPTION_RAISED",
            "EXCEPTION_RESOLVED",
            "EXCEPTION_RAISED",
            "EXCEPTION_RESOLVED",
            "CLAIM_ACCEPTED",
            "FINANCIALLY_RECONCILED");

    // The billing system holds one charge and one claim for the accession, reconciled once.
    SimulatorState billing = world.simulators().simulator(Service.BILLING).state();
    List<Resource> charges = billing.resources("charge", "accession", ACCESSION);
    assertThat(charges).hasSize(1);
    assertThat(billing.resources("claim", "chargeId", charges.get(0).id()))
        .singleElement()
        .extracting(Resource::status)
        .isEqualTo("RECONCILED");
    assertThat(billing.calls(reconcile.path("idempotencyKey").asString())).isEqualTo(1);
  }

  /** The study's claim-answer failure in the lane, other than the exception {@code not}. */
  private JsonNode awaitClaimFailure(String studyId, long not) {
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                StreamSupport.stream(
                        api.get("/api/v1/exceptions?kind=STEP_FAILED&service=billing")
                            .json()
                            .spliterator(),
                        false)
                    .filter(i -> i.path("studyId").asString().equals(studyId))
                    .filter(i -> i.path("exception").asLong() != not)
                    .findFirst()
                    .orElse(null),
            Objects::nonNull);
  }

  private Api.Response redrive(String step, String reason) {
    return api.post("/api/v1/steps/" + step + "/redrive", operator(reason));
  }
}
