package org.radflow.ports;

import java.util.LinkedHashMap;
import java.util.Map;
import org.radflow.workflow.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an external system's HTTP answer as a {@link PortOutcome}. Success is {@code {"id": ...,
 * "data": {...}}}; a refusal is {@code {"code": ..., "reason": ...}}. 400 and 404 count as refusals
 * because sending the same request again cannot change them; 503 means "not now" and so counts
 * against the service's health, while other 5xx are plain failures worth a retry.
 */
final class Answers {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Answers() {}

  static PortOutcome toOutcome(Service service, String call, int status, byte[] body) {
    String who = "the " + service.description() + " answered " + status + " to " + call;
    if (status >= 200 && status < 300) {
      return done(who, body);
    }
    return switch (status) {
      case 400, 404, 409, 422 -> rejected(status, body);
      case 503 -> new PortOutcome.Unavailable(who + detail(body));
      default -> new PortOutcome.Failed(who + detail(body));
    };
  }

  private static PortOutcome done(String who, byte[] body) {
    try {
      JsonNode answer = JSON.readTree(body);
      if (answer == null || !answer.isObject()) {
        return new PortOutcome.Failed(who + " with a body that is not a JSON object");
      }
      JsonNode id = answer.path("id");
      if (!id.isString() || id.stringValue().isBlank()) {
        return new PortOutcome.Failed(who + " without an id");
      }
      Map<String, String> data = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : answer.path("data").properties()) {
        data.put(field.getKey(), field.getValue().asString());
      }
      return new PortOutcome.Done(id.stringValue(), data);
    } catch (JacksonException e) {
      return new PortOutcome.Failed(who + " with a body that is not JSON");
    }
  }

  private static PortOutcome rejected(int status, byte[] body) {
    JsonNode refusal = parseQuietly(body);
    String code = refusal.path("code").asString("");
    String reason = refusal.path("reason").asString("");
    return new PortOutcome.Rejected(
        code.isBlank() ? "HTTP_" + status : code, reason.isBlank() ? statusText(status) : reason);
  }

  private static String detail(byte[] body) {
    String reason = parseQuietly(body).path("reason").asString("");
    return reason.isBlank() ? "" : ": " + reason;
  }

  private static JsonNode parseQuietly(byte[] body) {
    try {
      return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
    } catch (JacksonException e) {
      return JSON.missingNode();
    }
  }

  private static String statusText(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 404 -> "not found";
      case 409 -> "conflict";
      case 422 -> "unprocessable request";
      default -> "HTTP " + status;
    };
  }
}
