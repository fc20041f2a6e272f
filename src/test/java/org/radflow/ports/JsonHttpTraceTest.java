package org.radflow.ports;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.workflow.Service;

/** A call made inside a step's span tells the external system that span, as W3C trace context. */
class JsonHttpTraceTest {

  private HttpServer system;
  private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    system = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    system.createContext(
        "/",
        exchange -> {
          try (exchange) {
            received.add(Map.copyOf(exchange.getRequestHeaders()));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    system.start();
  }

  @AfterEach
  void stop() {
    system.stop(0);
  }

  @Test
  void aCallInATraceSendsItsTraceparentAndOneOutsideSendsNone() {
    JsonHttp http =
        new JsonHttp(
            HttpClient.newHttpClient(),
            Service.IDENTITY,
            URI.create("http://127.0.0.1:" + system.getAddress().getPort()));
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    http.get(new CallContext("key-1", Duration.ofSeconds(5), traceparent), "/traced");
    http.post(new CallContext("key-2", Duration.ofSeconds(5)), "/untraced", Map.of("a", "b"));

    assertThat(received).hasSize(2);
    assertThat(received.get(0)).containsEntry("Traceparent", List.of(traceparent));
    assertThat(received.get(0)).containsEntry("Idempotency-key", List.of("key-1"));
    assertThat(received.get(1)).doesNotContainKey("Traceparent");
  }
}
