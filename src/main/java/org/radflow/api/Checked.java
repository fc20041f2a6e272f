package org.radflow.api;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the model's own validation on request values. The model's records check their invariants in
 * their constructors and throw {@link IllegalArgumentException} or {@link NullPointerException}
 * naming the field; here, and only here, those become 400 problems. Anywhere else the same
 * exceptions are bugs and answer 500, which is why requests are validated before they reach the
 * lifecycle rather than by catching around it.
 */
final class Checked {

  private Checked() {}

  static <T> T valid(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalidField(e.getMessage());
    } catch (NullPointerException e) {
      if (e.getMessage() == null) {
        throw e; // not one of the model's named checks: a bug, not a bad request
      }
      throw ApiProblem.invalidField(e.getMessage());
    }
  }

  /** JSON allows {@code "key": null} in a string map; the model's maps do not. */
  static Map<String, String> stringMap(Map<String, String> map, String field) {
    if (map == null) {
      return Map.of();
    }
    map.forEach(
        (key, value) -> {
          if (value == null) {
            throw new ApiProblem(ProblemType.INVALID_FIELD, field + "." + key + " must not be null")
                .with("field", field + "." + key);
          }
        });
    return map;
  }

  static <T> List<T> list(List<T> list, String field) {
    if (list == null) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        String name = field + "[" + i + "]";
        throw new ApiProblem(ProblemType.INVALID_FIELD, name + " must not be null")
            .with("field", name);
      }
    }
    return list;
  }
}
