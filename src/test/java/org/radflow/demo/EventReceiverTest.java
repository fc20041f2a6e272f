package org.radflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.access.Tokens;
import org.radflow.api.Api;
import org.radflow.api.Bodies;
import org.radflow.api.TestTokens;
import org.radflow.webhook.Signature;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A real radflow, SQLite in a temporary home, sending its webhooks to the demo's receiver over
 * loopback http: every change it commits must arrive once as a distinct event, verified, with the
 * time its history gives the change. Orchestration is off, so only the test's own requests change
 * studies and the histories are known.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "radflow.orchestration.enabled=false",
      "radflow.mllp.port=0",
      "radflow.webhooks.allow-http-loopback=true"
    })
class EventReceiverTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflowHome(DynamicPropertyRegistry registry) {
    registry.add("radflow.home", () -> home.toString());
  }

  @LocalServerPort int port;
  @Autowired Tokens tokens;

  private Api api;
  private EventReceiver receiver;
  private WebhookSubscriber subscriber;
  private WebhookSubscriber.Subscription subscription;
  private String authority;

  @BeforeEach
  void subscribe() {
    String token = TestTokens.allRoles(tokens).secret();
    api = new Api(port, token);
    authority = Bodies.uniqueAuthority();
    receiver = EventReceiver.start();
    subscriber = new WebhookSubscriber(URI.create("http://127.0.0.1:" + port), token);
    subscription = subscriber.subscribe(receiver);
  }

  @AfterEach
  void unsubscribe() {
    subscriber.unsubscribe(subscription, "the test is over");
    receiver.close();
  }

  @Test
  void everyCommittedChangeArrivesOnceVerifiedWithItsRecordTime() throws Exception {
    Map<String, List<JsonNode>> histories = driveThreeStudies();
    long changes = histories.values().stream().mapToLong(List::size).sum();

    assertThat(receiver.await(t -> t.distinctEvents() >= changes, PATIENCE))
        .as("%s distinct events within %s; got %s", changes, PATIENCE, receiver.tally())
        .isTrue();

    EventTally tally = receiver.tally();
    assertThat(tally.distinctEvents()).isEqualTo(changes);
    assertThat(tally.deliveries()).isEqualTo(changes);
    assertThat(tally.redeliveries()).isZero();
    assertThat(tally.refused()).isZero();
    assertThat(tally.outOfSequence()).isZero();
    Map<String, Long> lengths = new HashMap<>();
    histories.forEach((study, entries) -> lengths.put(study, (long) entries.size()));
    assertThat(tally.byStudy()).isEqualTo(lengths);
    assertThat(tally.byType()).containsEntry("study.created", 3L);
    assertThat(tally.byType().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(changes);

    for (ReceivedEvent event : receiver.received()) {
      JsonNode entry = histories.get(event.studyId()).get((int) event.studySeq() - 1);
      assertThat(event.type()).isEqualTo(entry.path("eventType").asString());
      assertThat(event.recordedAt()).isEqualTo(Instant.parse(entry.path("at").asString()));
      assertThat(event.replay()).isFalse();
    }

    List<DemoTimeline.LagSample> lag = receiver.lag();
    assertThat(lag).hasSize((int) changes);
    assertThat(lag).allSatisfy(sample -> assertThat(sample.millis()).isNotNegative());
    for (int i = 1; i < lag.size(); i++) {
      assertThat(lag.get(i).at()).isAfterOrEqualTo(lag.get(i - 1).at());
    }
  }

  @Test
  void aReplayedStudyCountsAsRedeliveriesNotAsNewEvents() throws Exception {
    Map<String, List<JsonNode>> histories = driveThreeStudies();
    long changes = histories.values().stream().mapToLong(List::size).sum();
    assertThat(receiver.await(t -> t.distinctEvents() >= changes, PATIENCE)).isTrue();
    String study = histories.keySet().stream().reduce((first, last) -> last).orElseThrow();
    int replayed = histories.get(study).size(); // the study moved furthest: four events

    Api.Response replay =
        api.post(
            "/api/v1/replays",
            "{\"study\": \"" + study + "\", \"reason\": \"the demo's receiver lost its state\"}");

    assertThat(replay.status()).as(replay.text()).isEqualTo(200);
    assertThat(replay.json().path("replayed").asInt()).isEqualTo(replayed);
    assertThat(receiver.await(t -> t.redeliveries() >= replayed, PATIENCE))
        .as("%s redeliveries within %s; got %s", replayed, PATIENCE, receiver.tally())
        .isTrue();
    EventTally tally = receiver.tally();
    assertThat(tally.distinctEvents()).isEqualTo(changes);
    assertThat(tally.deliveries()).isEqualTo(changes + replayed);
    assertThat(tally.redeliveries()).isEqualTo(replayed);
    assertThat(tally.byStudy().get(study)).isEqualTo((long) replayed);
    assertThat(receiver.lag()).hasSize((int) changes);
    assertThat(
            receiver.received().stream().filter(ReceivedEvent::replay).map(ReceivedEvent::studyId))
        .hasSize(replayed)
        .containsOnly(study);
  }

  @Test
  void aDeliveryIsAcceptedOnlyWithAValidFreshSignatureOverAWellFormedEvent() throws Exception {
    UUID eventId = UUID.randomUUID();
    String studyId = UUID.randomUUID().toString();
    String body = payload(studyId, 1);
    Instant now = Instant.now();

    assertThat(post(eventId, studyId, body, null)).isEqualTo(401);
    assertThat(post(eventId, studyId, body, Signature.sign("not-the-secret-at-all", now, body)))
        .isEqualTo(401);
    String signedOtherBody = Signature.sign(receiver.secret(), now, payload(studyId, 2));
    assertThat(post(eventId, studyId, body, signedOtherBody)).isEqualTo(401);
    String stale = Signature.sign(receiver.secret(), now.minus(Duration.ofMinutes(6)), body);
    assertThat(post(eventId, studyId, body, stale)).isEqualTo(401);
    String otherStudy = UUID.randomUUID().toString();
    assertThat(post(eventId, otherStudy, body, Signature.sign(receiver.secret(), now, body)))
        .as("the study header disagrees with the signed payload")
        .isEqualTo(400);
    assertThat(receiver.tally().refused()).isEqualTo(5);
    assertThat(receiver.tally().deliveries()).isZero();

    String signed = Signature.sign(receiver.secret(), now, body);
    assertThat(post(eventId, studyId, body, signed)).isEqualTo(204);
    assertThat(post(eventId, studyId, body, signed)).isEqualTo(204);

    EventTally tally = receiver.tally();
    assertThat(tally.distinctEvents()).isEqualTo(1);
    assertThat(tally.deliveries()).isEqualTo(2);
    assertThat(tally.redeliveries()).isEqualTo(1);
    assertThat(tally.byStudy()).containsExactly(Map.entry(studyId, 1L));
    assertThat(receiver.lag()).hasSize(1);
  }

  @Test
  void radflowRefusesPlainHttpToAnythingButLoopbackEvenWithTheSettingOn() {
    assertThatThrownBy(
            () ->
                subscriber.subscribe(
                    URI.create("http://203.0.113.7/events"), "a-secret-long-enough"))
        .isInstanceOfSatisfying(
            WebhookSubscriber.Refused.class, refused -> assertThat(refused.status()).isEqualTo(422))
        .hasMessageContaining("plain http is allowed only to loopback");
  }

  /** Three studies and their histories: one opened only, two moved on (with a re-sent key). */
  private Map<String, List<JsonNode>> driveThreeStudies() {
    String opened = open("ACC-1");
    String scheduled = open("ACC-2");
    String started = open("ACC-3");
    transition(scheduled, "IDENTITY_VALIDATED", "ihi-2");
    transition(scheduled, "PROCEDURE_SCHEDULED", "slot-2");
    transition(started, "IDENTITY_VALIDATED", "ihi-3");
    transition(started, "PROCEDURE_SCHEDULED", "slot-3");
    transition(started, "PROCEDURE_SCHEDULED", "slot-3"); // a re-send: no change, no event
    transition(started, "ACQUISITION_STARTED", "acq-3");
    Map<String, List<JsonNode>> histories = new LinkedHashMap<>();
    for (String study : List.of(opened, scheduled, started)) {
      Api.Response history = api.get("/api/v1/studies/" + study + "/history");
      assertThat(history.status()).as(history.text()).isEqualTo(200);
      List<JsonNode> entries = List.copyOf(history.json().path("entries").values());
      histories.put(study, entries);
    }
    assertThat(histories.values()).extracting(List::size).containsExactly(1, 3, 4);
    return histories;
  }

  private String open(String accession) {
    Api.Response created = api.post("/api/v1/studies", Bodies.openStudy(authority, accession, "P"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private void transition(String study, String type, String key) {
    Api.Response applied =
        api.post("/api/v1/studies/" + study + "/transitions", Bodies.transition(type, key));
    assertThat(applied.status()).as(applied.text()).isEqualTo(200);
  }

  private static String payload(String studyId, long seq) {
    return """
        {"studyId":"%s","studySeq":%d,"change":"study.created","recordTime":"%s"}"""
        .formatted(studyId, seq, Instant.now());
  }

  private int post(UUID eventId, String studyId, String body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(receiver.url())
            .header("Content-Type", "application/json")
            .header("X-Radflow-Event-Id", eventId.toString())
            .header("X-Radflow-Event-Type", "study.created")
            .header("X-Radflow-Study", studyId)
            .header("X-Radflow-Delivery", "1")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Radflow-Signature", signature);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
