package org.radflow.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscribes a receiver to every event type through radflow's webhook API, as an administrator
 * would ({@code POST /api/v1/webhooks}, docs/events.md), and deactivates the subscription
 * afterwards ({@code DELETE /api/v1/webhooks/{id}} with a reason, which the audit keeps). The
 * caller's token needs the admin role; radflow records the caller as the subscription's author.
 */
public final class WebhookSubscriber {

  /** A subscription radflow accepted. */
  public record Subscription(UUID id, URI target) {}

  /** radflow answered something other than success; the message carries its problem document. */
  public static final class Refused extends RuntimeException {
    private final int status;

    Refused(String action, int status, String body) {
      super(action + " answered " + status + ": " + body);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI radflow;
  private final String adminToken;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param radflow the server's base URL, such as {@code http://127.0.0.1:8080}
   * @param adminToken a bearer token holding the admin role
   */
  public WebhookSubscriber(URI radflow, String adminToken) {
    this.radflow = radflow;
    this.adminToken = adminToken;
  }

  /** Subscribes {@code receiver} to every event type, with its secret. */
  public Subscription subscribe(EventReceiver receiver) {
    return subscribe(receiver.url(), receiver.secret());
  }

  /** Subscribes {@code target} to every event type ({@code "*"}), signed with {@code secret}. */
  public Subscription subscribe(URI target, String secret) {
    String body =
        JSON.writeValueAsString(
            Map.of("url", target.toString(), "secret", secret, "eventTypes", new String[] {"*"}));
    HttpResponse<String> answer = send("subscribe", "POST", "/api/v1/webhooks", body, 201);
    UUID id = UUID.fromString(JSON.readTree(answer.body()).path("id").asString());
    return new Subscription(id, target);
  }

  /** Deactivates {@code subscription}; what radflow still had pending for it is cancelled. */
  public void unsubscribe(Subscription subscription, String reason) {
    String body = JSON.writeValueAsString(Map.of("reason", reason));
    send("unsubscribe", "DELETE", "/api/v1/webhooks/" + subscription.id(), body, 200);
  }

  private HttpResponse<String> send(
      String action, String method, String path, String body, int expected) {
    HttpRequest request =
        HttpRequest.newBuilder(radflow.resolve(path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + adminToken)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != expected) {
        throw new Refused(action, answer.statusCode(), answer.body());
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(action + ": " + radflow + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(action + ": interrupted", e);
    }
  }
}
