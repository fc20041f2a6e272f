package org.radflow.api;

import java.util.Arrays;
import java.util.List;

/**
 * A value of a fixed set, named in a query string or a form: blank means none; anything else must
 * be one of the set, or the request is refused naming the parameter and the values it takes.
 */
public final class Choices {

  private Choices() {}

  public static <E extends Enum<E>> E of(Class<E> type, String parameter, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    Fields.parameter(value, parameter, Fields.IDENTIFIER);
    List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    throw new ApiProblem(
            ProblemType.INVALID_PARAMETER,
            parameter + " must be one of " + allowed + ", was '" + text + "'")
        .with("parameter", parameter)
        .with("allowedValues", allowed);
  }
}
