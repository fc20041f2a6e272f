package org.radflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.access.Role;
import org.radflow.access.Users;
import org.radflow.api.Api;
import org.radflow.api.Bodies;
import org.radflow.api.SimulatedWorld;
import org.radflow.api.StudyDriver;
import org.radflow.audit.AuditTrail;
import org.radflow.audit.OperatorAction;
import org.radflow.events.OutboxEvent;
import org.radflow.hl7.Hl7Messages;
import org.radflow.hl7.Hl7Service;
import org.radflow.hl7.RawMllp;
import org.radflow.simulator.Fault;
import org.radflow.study.StudyId;
import org.radflow.webhook.DueDelivery;
import org.radflow.webhook.StoredSecret;
import org.radflow.webhook.Subscribing;
import org.radflow.webhook.WebhookDelivery;
import org.radflow.webhook.WebhookStore;
import org.radflow.webhook.WebhookSubscription;
import org.radflow.workflow.Service;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The operations pages over real HTTP, signed in with the form as people with different roles:
 * services (an outage, its suspended work, a release with reason and confirmation, the policy),
 * dead letters (search, discard, the raw message for auditors only), the outbox and webhooks, and
 * the audit that names who did each. Every action's effect is read back through the API.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "radflow.mllp.port=0",
      "radflow.mllp.accession-fields=SCH-27",
      // no dispatcher, so a delivery this test makes dead stays as the test left it
      "radflow.webhooks.enabled=false"
    })
class OperationsPagesTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final String SECRET = "whsec-0123456789abcdef";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static SimulatedWorld world;

  @LocalServerPort int port;
  @Autowired Users users;
  @Autowired Hl7Service hl7;
  @Autowired WebhookStore webhooks;
  @Autowired AuditTrail audit;
  Api api;
  StudyDriver driver;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    world = SimulatedWorld.start("radflow-console-operations");
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
  }

  @AfterEach
  void heal() {
    world.healAll();
  }

  @Test
  void anOutageShowsDownWithItsSuspendedWorkAndTheConsoleReleasesItWithAReason() {
    String adminName = unique("admin");
    ConsoleSession admin = person(adminName, Role.ADMIN, Role.OPERATOR);
    admin.html("/console/services/identity");
    String policy =
        admin
            .submit(
                "/console/services/identity/release-policy",
                Map.of("mode", "MANUAL", "perSecond", "50", "back", "/console/services/identity"))
            .body();
    assertThat(policy).contains("releases MANUAL at 50.0 steps/s");
    assertThat(driver.service("identity").path("releaseMode").asString()).isEqualTo("MANUAL");
    assertThat(driver.service("identity").path("releasePerSecond").asDouble()).isEqualTo(50.0);

    world.simulators().fault(Service.IDENTITY, Fault.down());
    List<String> studies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      studies.add(driver.open("ACC-OUT-" + i + "-" + UUID.randomUUID(), "P-OUT-" + i));
    }
    await()
        .atMost(PATIENCE)
        .until(() -> driver.service("identity").path("suspended").path("count").asLong() == 6);

    String operatorName = unique("operator");
    ConsoleSession operator = person(operatorName, Role.OPERATOR);
    String list = operator.html("/console/services");
    assertThat(PageText.row(list, "service-identity"))
        .contains("badge DOWN", driver.service("identity").path("reason").asString());
    String page = operator.html("/console/services/identity");
    assertThat(page).contains("id=\"suspended-count\">6<");
    assertThat(studies).allSatisfy(id -> assertThat(page).contains("/console/studies/" + id));

    world.simulators().fault(Service.IDENTITY, Fault.none());
    await()
        .atMost(PATIENCE)
        .until(() -> driver.service("identity").path("state").asString().equals("RECOVERED"));
    assertThat(operator.html("/console/services/identity")).contains("id=\"release\"");

    String unconfirmed =
        operator
            .submit(
                "/console/services/identity/release",
                Map.of("reason", "HI service is back", "back", "/console/services/identity"))
            .body();
    assertThat(unconfirmed).contains("to release: suspended work will start to flow");
    assertThat(driver.service("identity").path("state").asString()).isEqualTo("RECOVERED");
    String noReason =
        operator
            .submit(
                "/console/services/identity/release",
                Map.of("confirm", "true", "back", "/console/services/identity"))
            .body();
    assertThat(noReason).contains("reason is required");

    String released =
        operator
            .submit(
                "/console/services/identity/release",
                Map.of(
                    "reason",
                    "HI service is back",
                    "confirm",
                    "true",
                    "back",
                    "/console/services/identity"))
            .body();
    assertThat(released).contains("releasing the identity service (IHI lookup) at 50.0 steps/s");
    assertThat(driver.service("identity").path("state").asString()).isIn("RELEASING", "UP");
    await()
        .atMost(PATIENCE)
        .until(() -> driver.service("identity").path("state").asString().equals("UP"));
    String drain = operator.html("/console/services/identity/drain");
    assertThat(drain).contains("id=\"drain-released\">6<").contains("id=\"drain-total\">6<");
    assertThat(drain).doesNotContain("hx-trigger");

    assertThat(PageText.healthHistory(operator.html("/console/services/identity")).subList(0, 4))
        .as("the newest changes, newest first: state and who")
        .containsExactly(
            "UP radflow", "RELEASING " + operatorName, "RECOVERED radflow", "DOWN radflow");

    JsonNode release = audited("RELEASE", "service identity");
    assertThat(release.path("actor").asString()).isEqualTo(operatorName);
    assertThat(release.path("reason").asString()).isEqualTo("HI service is back");
    assertThat(audited("CONFIGURE_RELEASE", "service identity").path("actor").asString())
        .isEqualTo(adminName);
  }

  @Test
  void aDeadLetterIsFoundReadByAnAuditorAloneAndDiscardedWithAReason() throws Exception {
    String accession = "ACC" + UUID.randomUUID().toString().substring(0, 8);
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      String ack =
          sender.send(
              Hl7Messages.booking(
                  "S12", "B-" + accession, "MRN" + accession, accession, "AP1", "202611271000"));
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AR");
    }
    String query = "accession=" + URLEncoder.encode("NORTH/" + accession, StandardCharsets.UTF_8);
    long id =
        api.get("/api/v1/dead-letters?" + query).json().path("items").get(0).path("id").asLong();

    String operatorName = unique("operator");
    ConsoleSession operator = person(operatorName, Role.OPERATOR);
    String found = operator.html("/console/dead-letters?status=OPEN&" + query);
    assertThat(PageText.row(found, "dead-letter-" + id))
        .contains("SIU^S12", "B-" + accession, "NORTH/" + accession, "UNKNOWN_STUDY", "OPEN");
    assertThat(operator.html("/console/dead-letters?status=DISCARDED&" + query))
        .doesNotContain("dead-letter-" + id);
    HttpResponse<String> badCriterion = operator.page("/console/dead-letters?errorCode=NOPE");
    assertThat(badCriterion.statusCode()).isEqualTo(400);
    assertThat(badCriterion.body()).contains("errorCode must be one of");
    String letter = operator.html("/console/dead-letters/" + id);
    assertThat(letter).contains("id=\"discard\"", "id=\"reprocess\"").doesNotContain("id=\"raw\"");
    assertThat(
            operator
                .post("/console/dead-letters/" + id + "/raw", Map.of("reason", "look"))
                .statusCode())
        .isEqualTo(403);

    String auditorName = unique("auditor");
    ConsoleSession auditor = person(auditorName, Role.AUDITOR, Role.VIEWER);
    assertThat(auditor.html("/console/dead-letters/" + id))
        .contains("id=\"raw\"")
        .doesNotContain("id=\"discard\"");
    assertThat(auditor.post("/console/dead-letters/" + id + "/raw", Map.of()).statusCode())
        .as("no reason, no raw message")
        .isEqualTo(400);
    HttpResponse<String> raw =
        auditor.post("/console/dead-letters/" + id + "/raw", Map.of("reason", "complaint 42"));
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(raw.body()).contains("id=\"raw-text\"", "SIU^S12", "B-" + accession);
    JsonNode read = audited("READ_DEAD_LETTER_RAW", "dead letter " + id);
    assertThat(read.path("actor").asString()).isEqualTo(auditorName);
    assertThat(read.path("reason").asString()).isEqualTo("complaint 42");

    operator.html("/console/dead-letters/" + id);
    String discarded =
        operator
            .submit(
                "/console/dead-letters/" + id + "/discard",
                Map.of("reason", "duplicate booking", "back", "/console/dead-letters/" + id))
            .body();
    assertThat(discarded).contains("dead letter " + id + " discarded");
    assertThat(api.get("/api/v1/dead-letters/" + id).json().path("status").asString())
        .isEqualTo("DISCARDED");
    assertThat(discarded).doesNotContain("id=\"discard\"");
    assertThat(audited("DISCARD_DEAD_LETTER", "dead letter " + id).path("actor").asString())
        .isEqualTo(operatorName);
  }

  @Test
  void theOutboxShowsItsLagRefusesWhatIsNotStuckAndAnAdminRedeliversADeadDelivery() {
    String operatorName = unique("operator");
    ConsoleSession operator = person(operatorName, Role.OPERATOR);
    String page = operator.html("/console/outbox");
    JsonNode status = api.get("/api/v1/outbox").json();
    assertThat(page)
        .contains("id=\"parked-count\">" + status.path("parked").asLong() + "<")
        .contains(status.path("kafka").asBoolean() ? "Kafka on" : "Kafka off")
        .doesNotContain("id=\"webhooks\"");

    String unpark =
        operator
            .submit(
                "/console/outbox/987654321/unpark",
                Map.of("reason", "cause fixed", "back", "/console/outbox"))
            .body();
    assertThat(unpark).contains("outbox event 987654321 is not parked");
    String redeliver =
        operator
            .submit(
                "/console/webhook-deliveries/987654321/redeliver",
                Map.of("reason", "receiver is back", "back", "/console/outbox"))
            .body();
    assertThat(redeliver).contains("no webhook delivery 987654321");

    long dead = deadDelivery();
    String adminName = unique("admin");
    ConsoleSession admin = person(adminName, Role.ADMIN, Role.OPERATOR);
    String listed = admin.html("/console/outbox");
    assertThat(listed)
        .contains("id=\"webhooks\"", "https://ris.example/hook", "…cdef")
        .doesNotContain(SECRET);
    assertThat(PageText.row(listed, "delivery-" + dead))
        .contains("receiver answered HTTP 500", "id=\"redeliver-" + dead + "\"");
    String redelivered =
        admin
            .submit(
                "/console/webhook-deliveries/" + dead + "/redeliver",
                Map.of("reason", "receiver is back", "back", "/console/outbox"))
            .body();
    assertThat(redelivered).contains("webhook delivery " + dead + " is PENDING again");
    assertThat(webhooks.delivery(dead).orElseThrow().status())
        .isEqualTo(WebhookDelivery.Status.PENDING);
    assertThat(redelivered).doesNotContain("id=\"delivery-" + dead + "\"");
    assertThat(audited("REDELIVER_WEBHOOK", "webhook delivery " + dead).path("actor").asString())
        .isEqualTo(adminName);
  }

  /** A subscription whose one delivery its receiver failed for good: a DEAD delivery's id. */
  long deadDelivery() {
    Instant now = Instant.now();
    Subscribing.Subscribed subscribed =
        (Subscribing.Subscribed)
            webhooks.subscribe(
                "https://ris.example/hook",
                new StoredSecret(SECRET, false),
                WebhookSubscription.hint(SECRET),
                List.of("*"),
                "test",
                now,
                100);
    UUID subscription = subscribed.subscription().id();
    webhooks.deliverNow(
        new OutboxEvent(
            1, UUID.randomUUID(), StudyId.random(), 1, "study.created", "{}", now, null),
        false,
        now);
    DueDelivery due =
        webhooks.nextRuns(100, 1, now, Duration.ofMinutes(1)).stream()
            .flatMap(run -> run.deliveries().stream())
            .filter(d -> d.subscriptionId().equals(subscription))
            .findFirst()
            .orElseThrow();
    webhooks.dead(due.id(), due.attempt(), 500, "receiver answered HTTP 500", now);
    return due.id();
  }

  @Test
  void theAuditPageListsWhoDidWhatAndItsReadingIsAudited() {
    String study = driver.open("ACC-AUD-" + UUID.randomUUID(), "P-AUD");
    Api.Response compensated =
        api.post("/api/v1/studies/" + study + "/compensate", StudyDriver.operator("wrong patient"));
    assertThat(compensated.status()).as(compensated.text()).isEqualTo(200);

    String auditorName = unique("auditor");
    ConsoleSession auditor = person(auditorName, Role.AUDITOR, Role.VIEWER);
    String all = auditor.html("/console/audit");
    assertThat(all).contains("wrong patient", "/console/studies/" + study);
    String one = auditor.html("/console/audit?study=" + study);
    assertThat(one).contains("wrong patient");
    assertThat(auditor.html("/console/audit?study=not-a-study"))
        .contains("id=\"refusal\"", "study ids look like", "value=\"not-a-study\"")
        .doesNotContain("id=\"results\"");
    assertThat(auditor.html("/console/audit?from=yesterday"))
        .contains("id=\"refusal\"", "from must be a UTC date and time", "value=\"yesterday\"");
    JsonNode read = audited("read-audit", "study " + study);
    assertThat(read.path("actor").asString()).isEqualTo(auditorName);

    String compensations = auditor.html("/console/audit?action=COMPENSATE");
    assertThat(PageText.column(compensations, "Action")).isNotEmpty().containsOnly("COMPENSATE");
    assertThat(compensations).contains("wrong patient", "<option value=\"COMPENSATE\" selected");
    assertThat(audited("read-audit", "all studies; action COMPENSATE").path("actor").asString())
        .isEqualTo(auditorName);

    assertThat(person(unique("operator"), Role.OPERATOR).page("/console/audit").statusCode())
        .isEqualTo(403);
  }

  @Test
  void theAuditPageFiltersByActorAndTimeAndPagesOlderKeepingTheFilters() {
    String clerk = unique("clerk");
    String other = unique("clerk");
    Instant start = Instant.parse("2021-03-01T08:00:00Z");
    for (int minute = 0; minute < 55; minute++) {
      audit.record(
          new OperatorAction(
              0,
              start.plusSeconds(60L * minute),
              clerk,
              "NOTE",
              "minute " + minute,
              null,
              "why",
              "done"));
    }
    audit.record(new OperatorAction(0, start, other, "NOTE", "other", null, "why", "done"));
    ConsoleSession auditor = person(unique("auditor"), Role.AUDITOR);

    String first = auditor.html("/console/audit?actor=" + clerk);
    assertThat(PageText.column(first, "Actor")).hasSize(50).containsOnly(clerk);
    assertThat(PageText.column(first, "Target")).startsWith("minute 54").endsWith("minute 5");
    String older = PageText.link(first, "older");
    assertThat(older).contains("actor=" + clerk, "before=");
    String second = auditor.html(older);
    assertThat(PageText.column(second, "Target"))
        .containsExactly("minute 4", "minute 3", "minute 2", "minute 1", "minute 0");
    assertThat(second).doesNotContain("id=\"older\"").contains("id=\"newest\"");

    String window =
        auditor.html(
            "/console/audit?actor=" + clerk + "&from=2021-03-01T08:50&to=2021-03-01T08:53:00");
    assertThat(PageText.column(window, "Target"))
        .containsExactly("minute 52", "minute 51", "minute 50");
    assertThat(window)
        .contains("value=\"2021-03-01T08:50\"", "From (UTC, inclusive)")
        .doesNotContain("id=\"older\"");
    assertThat(PageText.column(auditor.html("/console/audit?actor=" + other), "Target"))
        .containsExactly("other");
    assertThat(auditor.html("/console/audit?from=2021-03-01T09:00&to=2021-03-01T08:00"))
        .contains("id=\"refusal\"", "from must be before to");
    assertThat(
            audited(
                    "read-audit",
                    "all studies; actor "
                        + clerk
                        + "; from 2021-03-01T08:50:00Z; to 2021-03-01T08:53:00Z")
                .path("outcome")
                .asString())
        .isEqualTo("READ");
  }

  @Test
  void aViewerSeesNoActionFormsAndItsPostsAreRefused() {
    ConsoleSession viewer = person(unique("viewer"), Role.VIEWER);
    for (String path :
        List.of(
            "/console/services",
            "/console/services/national-record",
            "/console/dead-letters",
            "/console/outbox")) {
      String page = viewer.html(path);
      assertThat(page.split("method=\"post\"", -1))
          .as("only the sign-out form posts on %s", path)
          .hasSize(2);
    }
    assertThat(
            viewer
                .post(
                    "/console/services/national-record/release",
                    Map.of("reason", "x", "confirm", "true"))
                .statusCode())
        .isEqualTo(403);
    assertThat(viewer.post("/console/outbox/1/unpark", Map.of("reason", "x")).statusCode())
        .isEqualTo(403);
    assertThat(
            viewer
                .post(
                    "/console/services/national-record/release-policy",
                    Map.of("mode", "MANUAL", "perSecond", "1"))
                .statusCode())
        .isEqualTo(403);
    assertThat(driver.service("national-record").path("state").asString()).isEqualTo("UP");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A new console user with {@code roles}, signed in with the form. */
  ConsoleSession person(String username, Role... roles) {
    users.create(username, EnumSet.copyOf(Set.of(roles)), PASSWORD, "test");
    return ConsoleSession.signIn(port, username, PASSWORD);
  }

  /** A username no other test uses. */
  static String unique(String role) {
    return role + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The newest audited action of this kind on this target. */
  JsonNode audited(String action, String target) {
    for (JsonNode entry : api.get("/api/v1/audit?limit=500").json()) {
      if (entry.path("action").asString().equals(action)
          && entry.path("target").asString().equals(target)) {
        return entry;
      }
    }
    throw new AssertionError("no " + action + " of " + target + " in the audit");
  }
}
