package org.radflow.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * radflow's HTTP API as any client reaches it: a bearer token, JSON in and out. The demo reads
 * everything it checks through here.
 */
final class RadflowApi {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** An answer: its status and its JSON body (an empty object when it had none). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final URI base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RadflowApi(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  URI base() {
    return base;
  }

  JsonNode get(String pathAndQuery) {
    Answer answer = send("GET", pathAndQuery, null);
    if (!answer.ok()) {
      throw new IllegalStateException(
          "GET " + pathAndQuery + " answered " + answer.status() + ": " + answer.body());
    }
    return answer.body();
  }

  Answer post(String path, Object body) {
    return send("POST", path, body);
  }

  /** How many studies a search finds ({@code total} of a one-item page). */
  long count(String query) {
    return get("/api/v1/studies?" + query + "&limit=1").path("total").asLong();
  }

  /** The study with this accession, or a missing node when there is none. */
  JsonNode studyByAccession(String accession) {
    JsonNode items =
        get("/api/v1/studies?accession=" + encode(accession) + "&limit=5").path("items");
    return items.isEmpty() ? tools.jackson.databind.node.MissingNode.getInstance() : items.get(0);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Answer send(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode json =
            text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        return new Answer(response.statusCode(), json);
      } catch (IOException e) {
        if (attempt == 5) {
          throw new java.io.UncheckedIOException(method + " " + path + " failed", e);
        }
        pause(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted: " + method + " " + path, e);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Map<String, Object> reason(String text) {
    return Map.of("reason", text);
  }
}
