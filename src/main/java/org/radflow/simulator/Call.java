package org.radflow.simulator;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP request as a simulator's routes see it: the path parameters the route matched, the body
 * as sent and as JSON, and the idempotency key, or null.
 *
 * @param bytes the body exactly as sent, for a route that answers for the bytes themselves
 * @param json the body as JSON ({@code MissingNode} when there is none), or null when it is not
 *     JSON; routes read it through {@link #body()}
 */
record Call(
    String method,
    String path,
    Map<String, String> params,
    byte[] bytes,
    JsonNode json,
    String idempotencyKey) {

  Call {
    params = Map.copyOf(params);
  }

  Call withParams(Map<String, String> matched) {
    return new Call(method, path, matched, bytes, json, idempotencyKey);
  }

  /** The JSON body; a body that is not JSON is the client's mistake: 400. */
  JsonNode body() {
    if (json == null) {
      throw new BadRequest("the body is not JSON");
    }
    return json;
  }

  String param(String name) {
    return params.get(name);
  }

  /** A required text field of the body; a request without it is the client's mistake: 400. */
  String text(String field) {
    JsonNode value = body().path(field);
    if (!value.isString() || value.stringValue().isBlank()) {
      throw new BadRequest("the body needs a text field '" + field + "'");
    }
    return value.stringValue();
  }

  /** A malformed request; the dispatcher answers it with 400. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }
}
