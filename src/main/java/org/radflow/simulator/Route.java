package org.radflow.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One operation of a simulated system: a method and a path template such as {@code
 * /slots/{id}/release}. A mutating route demands an idempotency key and has its answers remembered
 * per key; a query does neither.
 */
record Route(String method, String template, boolean mutating, Function<Call, Answer> handler) {

  static Route command(String method, String template, Function<Call, Answer> handler) {
    return new Route(method, template, true, handler);
  }

  static Route query(String method, String template, Function<Call, Answer> handler) {
    return new Route(method, template, false, handler);
  }

  /** The path parameters when {@code call} is for this route. */
  Optional<Map<String, String>> match(Call call) {
    if (!method.equals(call.method())) {
      return Optional.empty();
    }
    String[] want = template.split("/");
    String[] got = call.path().split("/");
    if (want.length != got.length) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < want.length; i++) {
      if (want[i].startsWith("{") && want[i].endsWith("}")) {
        params.put(want[i].substring(1, want[i].length() - 1), got[i]);
      } else if (!want[i].equals(got[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }
}
