package org.radflow.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads JDK {@code HttpExchange}s as {@link Call}s and writes {@link Answer}s as JSON. */
final class Exchanges {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private Exchanges() {}

  /**
   * The call. A body that is not JSON is refused (400) only by a route that reads it as JSON, so a
   * route that judges the bytes itself can answer in its own terms.
   */
  static Call read(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    return new Call(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getPath(),
        Map.of(),
        bytes,
        json(bytes),
        exchange.getRequestHeaders().getFirst("Idempotency-Key"));
  }

  private static JsonNode json(byte[] bytes) {
    if (bytes.length == 0) {
      return JSON.missingNode();
    }
    try {
      JsonNode body = JSON.readTree(bytes);
      return body == null ? JSON.missingNode() : body;
    } catch (JacksonException e) {
      return null;
    }
  }

  static void write(HttpExchange exchange, Answer answer) throws IOException {
    byte[] body = JSON.writeValueAsBytes(answer.body());
    exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The first route that matches, bound to its path parameters, or a 404 answer. */
  static Answer dispatch(List<Route> routes, Call call, RouteRunner runner) {
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.match(call);
      if (params.isPresent()) {
        try {
          return runner.run(route, call.withParams(params.get()));
        } catch (Call.BadRequest e) {
          return Answer.refused(400, "BAD_REQUEST", e.getMessage());
        }
      }
    }
    return Answer.refused(
        404, "NO_SUCH_ROUTE", "nothing answers " + call.method() + " " + call.path());
  }

  /** How a matched route is run: directly, or wrapped in idempotency bookkeeping. */
  interface RouteRunner {
    Answer run(Route route, Call call);
  }
}
