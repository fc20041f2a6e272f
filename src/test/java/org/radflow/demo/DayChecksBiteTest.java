package org.radflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.radflow.simulator.ControlClient;
import org.radflow.simulator.SimulatorCluster;
import org.radflow.workflow.Service;

/**
 * The day's checks find what they look for: a side effect made twice at a real simulator, and an
 * acknowledgement whose transition the history does not hold. (The demo's own runs find neither, so
 * without this a check that could never fire would look the same.)
 */
class DayChecksBiteTest {

  private final SimulatorCluster cluster = SimulatorCluster.start(InetAddress.getLoopbackAddress());
  private final ControlClient control = new ControlClient(cluster.controlUrl());
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void twoSlotsOrTwoChargesForOneStudyAreDuplicatesAndOneOfEachIsNot() throws Exception {
    post(Service.SCHEDULING, "/slots", "step-1", "A-1");
    post(Service.SCHEDULING, "/slots", "step-1", "A-1"); // the same step again: replayed
    post(Service.SCHEDULING, "/slots", "step-2", "A-2");
    post(Service.SCHEDULING, "/slots", "step-3", "A-2"); // a second step made a second slot
    post(Service.BILLING, "/charges", "step-4", "A-1");
    post(Service.BILLING, "/charges", "step-5", "OTHER-DAY");
    post(Service.BILLING, "/charges", "step-6", "OTHER-DAY");

    SideEffects effects = SideEffects.read(control, Set.of("A-1", "A-2"));

    assertThat(effects.duplicates()).containsExactly("A-2 slot ×2");
    assertThat(effects.replayed()).isEqualTo(1);
    assertThat(effects.byService().get("scheduling")).containsEntry("slot reserved", 3L);
    assertThat(effects.byService().get("billing")).containsEntry("charge open", 1L);
  }

  @Test
  void anAcknowledgementIsHeldOnlyByItsTransitionOrALateJoinAtOrPastIt() {
    StudyPlan study =
        DayPlan.draw(20, 1, LocalDate.of(2026, 12, 5), "2612050600", 2400).studies().get(0);
    StudyReading scheduled =
        new StudyReading(
            study, "ACTIVE", "NOT_STARTED", Set.of("PROCEDURE_SCHEDULED"), List.of(), 0);
    assertThat(scheduled.holds("CREATED")).isTrue();
    assertThat(scheduled.holds("PROCEDURE_SCHEDULED")).isTrue();
    assertThat(scheduled.holds("REPORT_FINALISED")).isFalse();

    StudyReading joinedReported =
        new StudyReading(study, "ACTIVE", "REPORT_FINALISED", Set.of(), List.of(), 0);
    assertThat(joinedReported.holds("ACQUISITION_COMPLETED")).isTrue();
    assertThat(joinedReported.holds("REPORT_FINALISED")).isTrue();
    assertThat(joinedReported.holds("CHARGE_SEEDED")).isFalse();

    StudyReading absent = new StudyReading(study, null, null, Set.of(), List.of(), 0);
    assertThat(absent.holds("CREATED")).isFalse();
  }

  private void post(Service service, String path, String key, String accession) throws Exception {
    URI base = cluster.baseUrls().get(service);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"accession\":\""
                            + accession
                            + "\",\"patientId\":\"P-1\",\"procedure\":\"CT-HEAD\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
  }
}
