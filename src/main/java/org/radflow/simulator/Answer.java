package org.radflow.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulator answers: a status and a JSON body. */
record Answer(int status, Object body) {

  /** Success: {@code {"id": ..., "data": {...}}}, the shape the port adapters read. */
  static Answer done(String id, Map<String, String> data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("data", data);
    return new Answer(200, body);
  }

  /** A refusal or failure: {@code {"code": ..., "reason": ...}}. */
  static Answer refused(int status, String code, String reason) {
    return new Answer(status, Map.of("code", code, "reason", reason));
  }

  static Answer notFound(String what) {
    return refused(404, "NOT_FOUND", "no " + what);
  }

  static Answer ok(Object body) {
    return new Answer(200, body);
  }

  boolean successful() {
    return status >= 200 && status < 300;
  }
}
