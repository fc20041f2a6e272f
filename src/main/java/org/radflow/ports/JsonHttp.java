package org.radflow.ports;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.radflow.workflow.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that turns a port call into an HTTP exchange with one external system: JSON in,
 * {@code Idempotency-Key} and the caller's timeout on every request, and every way the exchange can
 * end mapped to a {@link PortOutcome} (by {@link Answers}) instead of an exception.
 */
final class JsonHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client;
  private final Service service;
  private final URI baseUrl;

  JsonHttp(HttpClient client, Service service, URI baseUrl) {
    this.client = client;
    this.service = service;
    this.baseUrl = baseUrl;
  }

  PortOutcome post(CallContext context, String path, Map<String, String> body) {
    return post(context, path, JSON.writeValueAsBytes(body));
  }

  /** Posts {@code json} as it is, for requests radflow retains and must send unchanged. */
  PortOutcome post(CallContext context, String path, byte[] json) {
    HttpRequest request =
        request(context, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    return exchange(request);
  }

  PortOutcome get(CallContext context, String path) {
    return exchange(request(context, path).GET().build());
  }

  /** A path segment for an id the external system gave us, so no id can change the route. */
  static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(CallContext context, String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl.toString().replaceAll("/+$", "") + path))
            .timeout(context.timeout())
            .header("Accept", "application/json")
            .header("Idempotency-Key", context.idempotencyKey());
    if (context.traceParent() != null) {
      request.header("traceparent", context.traceParent());
    }
    return request;
  }

  private PortOutcome exchange(HttpRequest request) {
    String call = request.method() + " " + request.uri().getPath();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return Answers.toOutcome(service, call, response.statusCode(), response.body());
    } catch (HttpTimeoutException e) {
      return unavailable(call, "gave no answer within " + request.timeout().orElseThrow());
    } catch (ConnectException e) {
      return unavailable(call, "refused the connection");
    } catch (IOException e) {
      return unavailable(call, "broke the connection (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable(call, "was not awaited: the calling thread was interrupted");
    }
  }

  private PortOutcome unavailable(String call, String what) {
    return new PortOutcome.Unavailable(
        "the " + service.description() + " at " + baseUrl + " " + what + " on " + call);
  }
}
