package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.config.Stores;
import org.radflow.events.OutboxEvent;
import org.radflow.study.StudyId;
import org.radflow.webhook.DueDelivery;
import org.radflow.webhook.HostResolver;
import org.radflow.webhook.WebhookDelivery;
import org.radflow.webhook.WebhookDispatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The webhook API over HTTP. The dispatcher is switched off, so the test can put deliveries into
 * any state through the store without a sender racing it. Names resolve through {@link #RESOLVER}:
 * {@code ris.example} to a public address, {@code localhost} to loopback, other names nowhere.
 */
class WebhookApiTest extends AbstractApiTest {

  static final String SECRET = "whsec-0123456789abcdef";
  static final int MAX_ACTIVE = 6;

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflowHome(DynamicPropertyRegistry registry) {
    registry.add("radflow.home", () -> home.toString());
    registry.add("radflow.webhooks.enabled", () -> "false");
    registry.add("radflow.webhooks.max-active", () -> MAX_ACTIVE);
  }

  static final HostResolver RESOLVER =
      host ->
          switch (host) {
            case "ris.example" -> List.of(InetAddress.getByName("203.0.113.7"));
            case "localhost" -> List.of(InetAddress.getByName("127.0.0.1"));
            default -> {
              if (!host.matches("[0-9A-Fa-f:.]+")) {
                throw new UnknownHostException(host);
              }
              yield List.of(InetAddress.getByName(host)); // a literal is itself
            }
          };

  @TestConfiguration(proxyBeanMethods = false)
  static class Names {
    @Bean
    HostResolver hostResolver() {
      return RESOLVER;
    }
  }

  @Autowired Stores store;
  @Autowired ObjectProvider<WebhookDispatcher> dispatcher;

  @Test
  void subscribeAnswers201WithAHintOfTheSecretAndListsIt() {
    Api.Response created = subscribe("https://ris.example/hook", "[\"study.created\", \"*\"]");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode body = created.json();
    String id = body.path("id").asString();
    assertThat(created.header("Location")).contains("/api/v1/webhooks/" + id);
    assertThat(body.path("secretHint").asString()).isEqualTo("…cdef");
    assertThat(body.path("eventTypes").toString()).isEqualTo("[\"*\"]");
    assertThat(body.path("active").asBoolean()).isTrue();
    assertThat(created.text()).doesNotContain(SECRET);
    Api.Response listed = api.get("/api/v1/webhooks");
    assertThat(listed.text()).contains(id).doesNotContain(SECRET);
    assertThat(dispatcher.getIfAvailable()).as("radflow.webhooks.enabled=false").isNull();
  }

  @Test
  void theSecretIsStoredSealedNeverAsGiven() {
    String id = subscribe("https://ris.example/hook", "[\"*\"]").json().path("id").asString();

    String stored =
        store
            .database()
            .read(
                "read the stored secret",
                c -> {
                  try (PreparedStatement s =
                      c.prepareStatement(
                          "select secret, secret_sealed from webhook_subscription where id = ?")) {
                    store.database().dialect().setId(s, 1, UUID.fromString(id));
                    try (ResultSet r = s.executeQuery()) {
                      assertThat(r.next()).isTrue();
                      assertThat(r.getBoolean("secret_sealed")).isTrue();
                      return r.getString("secret");
                    }
                  }
                });
    assertThat(stored).isNotBlank().doesNotContain(SECRET).doesNotContain("0123456789abcdef");
  }

  @Test
  void subscribeRefusesBadUrlsShortSecretsAndUnknownEventTypes() {
    assertThat(field(subscribe("ftp://ris.example/hook", "[\"*\"]"))).isEqualTo("url");
    assertThat(field(subscribe("not a url", "[\"*\"]"))).isEqualTo("url");
    assertThat(field(subscribe("https://ris.example/hook", "[\"study.exploded\"]")))
        .isEqualTo("eventTypes");
    assertThat(field(subscribe("https://ris.example/hook", "[]"))).isEqualTo("eventTypes");
    Api.Response shortSecret =
        api.post(
            "/api/v1/webhooks",
            "{\"url\":\"https://ris.example/hook\",\"secret\":\"short\",\"eventTypes\":[\"*\"]}");
    assertThat(field(shortSecret)).isEqualTo("secret");
  }

  @Test
  void subscribeRefusesPlainHttpAndNamesResolvingToLoopbackNamingTheSettingThatWouldAllowThem() {
    JsonNode http = subscribe("http://ris.example/hook", "[\"*\"]").problem(422, "action-refused");
    assertThat(http.path("field").asString()).isEqualTo("url");
    assertThat(http.path("setting").asString()).isEqualTo("RADFLOW_WEBHOOKS_ALLOW_HTTP_LOOPBACK");
    assertThat(http.path("detail").asString()).contains("https");

    JsonNode loopback =
        subscribe("https://localhost:8443/hook", "[\"*\"]").problem(422, "action-refused");
    assertThat(loopback.path("field").asString()).isEqualTo("url");
    assertThat(loopback.path("setting").asString()).isEqualTo("RADFLOW_WEBHOOKS_ALLOWED_NETWORKS");
    assertThat(loopback.path("detail").asString()).contains("127.0.0.1", "loopback");

    JsonNode metadata =
        subscribe("https://[::ffff:169.254.169.254]/latest", "[\"*\"]")
            .problem(422, "action-refused");
    assertThat(metadata.path("detail").asString()).contains("metadata");
    subscribe("https://nowhere.example/hook", "[\"*\"]").problem(422, "action-refused");
    assertThat(api.get("/api/v1/webhooks").text()).doesNotContain("localhost", "nowhere");
  }

  @Test
  void deleteDeactivatesAndIsRefusedWithoutAReasonOrForAnUnknownId() {
    String id = subscribe("https://ris.example/hook", "[\"*\"]").json().path("id").asString();

    assertThat(field(delete(id, "{}"))).isEqualTo("reason");
    Api.Response deleted = delete(id, "{\"reason\":\"retired\"}");
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
    assertThat(deleted.json().path("active").asBoolean()).isFalse();
    delete(UUID.randomUUID().toString(), "{\"reason\":\"b\"}").problem(404, "no-such-resource");
    delete("nope", "{\"reason\":\"b\"}").problem(400, "invalid-parameter");
  }

  @Test
  void deactivatingCancelsThePendingDeliveriesSoTheyLeaveThePendingCount() {
    String id = subscribe("https://ris.example/hook", "[\"*\"]").json().path("id").asString();
    Instant now = Instant.now();
    StudyId study = StudyId.random();
    for (int seq = 1; seq <= 3; seq++) {
      store
          .webhooks()
          .deliverNow(
              new OutboxEvent(seq, UUID.randomUUID(), study, seq, "study.created", "{}", now, null),
              false,
              now);
    }
    Map<WebhookDelivery.Status, Long> before = store.webhooks().deliveryCounts();

    Api.Response deleted = delete(id, "{\"reason\":\"retired\"}");

    assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
    Map<WebhookDelivery.Status, Long> after = store.webhooks().deliveryCounts();
    assertThat(after.get(WebhookDelivery.Status.PENDING))
        .isEqualTo(before.get(WebhookDelivery.Status.PENDING) - 3);
    assertThat(after.get(WebhookDelivery.Status.CANCELLED))
        .isEqualTo(before.get(WebhookDelivery.Status.CANCELLED) + 3);
    assertThat(store.webhooks().nextRuns(100, 1, now, Duration.ofMinutes(1)))
        .extracting(run -> run.subscriptionId().toString())
        .doesNotContain(id);
  }

  @Test
  void subscribingBeyondMaxActiveIsRefusedNamingTheLimitAndTheSetting() {
    List<String> created = new ArrayList<>();
    Api.Response refused = null;
    for (int i = 0; i <= MAX_ACTIVE && refused == null; i++) {
      Api.Response answer = subscribe("https://ris.example/hook/" + i, "[\"*\"]");
      if (answer.status() == 201) {
        created.add(answer.json().path("id").asString());
      } else {
        refused = answer;
      }
    }

    assertThat(refused).as("refused within " + (MAX_ACTIVE + 1) + " subscriptions").isNotNull();
    JsonNode problem = refused.problem(422, "action-refused");
    assertThat(problem.path("limit").asInt()).isEqualTo(MAX_ACTIVE);
    assertThat(problem.path("setting").asString()).isEqualTo("RADFLOW_WEBHOOKS_MAX_ACTIVE");
    long active = 0;
    for (JsonNode subscription : api.get("/api/v1/webhooks").json()) {
      active += subscription.path("active").asBoolean() ? 1 : 0;
    }
    assertThat(active).isEqualTo(MAX_ACTIVE);
    for (String id : created) {
      delete(id, "{\"reason\":\"make room\"}");
    }
  }

  @Test
  void deadLettersAreListedAndRedeliveredOnceAudited() {
    String id = subscribe("https://ris.example/hook", "[\"*\"]").json().path("id").asString();
    Instant now = Instant.now();
    StudyId study = StudyId.random();
    store
        .webhooks()
        .deliverNow(
            new OutboxEvent(1, UUID.randomUUID(), study, 1, "study.created", "{}", now, null),
            false,
            now);
    DueDelivery due =
        store.webhooks().nextRuns(100, 1, now, Duration.ofMinutes(1)).stream()
            .flatMap(run -> run.deliveries().stream())
            .filter(d -> d.subscriptionId().toString().equals(id))
            .findFirst()
            .orElseThrow();
    store.webhooks().dead(due.id(), due.attempt(), 500, "receiver answered HTTP 500", now);

    Api.Response dead = api.get("/api/v1/webhooks/" + id + "/dead-letters");
    assertThat(dead.status()).isEqualTo(200);
    assertThat(dead.json().get(0).path("id").asLong()).isEqualTo(due.id());
    assertThat(dead.json().get(0).path("status").asString()).isEqualTo("DEAD");
    assertThat(dead.json().get(0).path("lastStatus").asInt()).isEqualTo(500);
    assertThat(dead.text()).doesNotContain(SECRET);

    String why = "{\"reason\":\"receiver fixed\"}";
    Api.Response again = api.post("/api/v1/webhook-deliveries/" + due.id() + "/redeliver", why);
    assertThat(again.status()).as(again.text()).isEqualTo(200);
    assertThat(again.json().path("status").asString()).isEqualTo("PENDING");
    api.post("/api/v1/webhook-deliveries/" + due.id() + "/redeliver", why)
        .problem(422, "action-refused");
    api.post("/api/v1/webhook-deliveries/987654/redeliver", why).problem(404, "no-such-resource");
    api.get("/api/v1/webhooks/" + UUID.randomUUID() + "/dead-letters")
        .problem(404, "no-such-resource");
    assertThat(store.audit().actions(study, 10)).hasSize(2);
  }

  private Api.Response subscribe(String url, String types) {
    return api.post(
        "/api/v1/webhooks",
        "{\"url\":\"" + url + "\",\"secret\":\"" + SECRET + "\",\"eventTypes\":" + types + "}");
  }

  private Api.Response delete(String id, String body) {
    return api.send("DELETE", "/api/v1/webhooks/" + id, "application/json", body);
  }

  private static String field(Api.Response response) {
    return response.problem(400, "invalid-field").path("field").asString();
  }
}
