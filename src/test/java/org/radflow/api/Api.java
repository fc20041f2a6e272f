package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** A radflow server over real HTTP: requests in, status, headers and parsed JSON out. */
public final class Api {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String bearer;

  /** Anonymous: no credentials on any request. */
  public Api(int port) {
    this(port, null);
  }

  /** Every request carries {@code Authorization: Bearer secret}. */
  public Api(int port, String secret) {
    this.base = "http://127.0.0.1:" + port;
    this.bearer = secret;
  }

  /** The same server with other credentials. */
  public Api as(String secret) {
    return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), secret);
  }

  public record Response(int status, java.net.http.HttpHeaders headers, String text) {

    public JsonNode json() {
      if (text == null || text.isBlank()) {
        return MissingNode.getInstance();
      }
      return JSON.readTree(text);
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public String contentType() {
      return header("Content-Type").orElse("");
    }

    /** Asserts an RFC 9457 problem document of the given type and status, and returns its body. */
    public JsonNode problem(int expectedStatus, String slug) {
      assertThat(status).as("status of %s", text).isEqualTo(expectedStatus);
      assertThat(contentType()).startsWith("application/problem+json");
      JsonNode body = json();
      assertThat(body.path("type").asString()).isEqualTo("https://radflow.org/problems/" + slug);
      assertThat(body.path("status").asInt()).isEqualTo(expectedStatus);
      assertThat(body.path("title").asString()).isNotBlank();
      assertThat(body.path("detail").asString()).isNotBlank();
      assertThat(text).doesNotContain("Exception").doesNotContain("at org.");
      return body;
    }
  }

  public Response get(String path, String... headers) {
    return send(request(path, headers).GET());
  }

  public Response post(String path, String json, String... headers) {
    return send(
        request(path, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response delete(String path, String... headers) {
    return send(request(path, headers).DELETE());
  }

  /** A POST whose body is sent chunked, without Content-Length, as a streaming client would. */
  public Response postChunked(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofString(json))));
  }

  public CompletableFuture<Response> postAsync(String path, String json) {
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return CLIENT
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
  }

  public Response send(
      String method, String path, String contentType, String body, String... headers) {
    HttpRequest.Builder builder = request(path, headers);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(
        builder.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
