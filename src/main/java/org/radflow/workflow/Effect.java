package org.radflow.workflow;

import java.util.Map;
import org.radflow.study.TransitionType;

/** A transition a step's outcome applies to its study, in the same commit as the step. */
public record Effect(TransitionType type, Map<String, String> data) {
  public Effect {
    data = Map.copyOf(data);
  }

  static Effect of(TransitionType type, String... keysAndValues) {
    java.util.Map<String, String> data = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        data.put(keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return new Effect(type, data);
  }
}
