package org.radflow.simulator;

import tools.jackson.databind.JsonNode;

/**
 * Optional text fields of a JSON body, where a present key that is not text is the sender's error.
 */
final class Texts {

  private Texts() {}

  /**
   * The text of {@code key}, or null when the key is absent, null or blank.
   *
   * @throws IllegalArgumentException naming {@code key} when it holds something other than text
   */
  static String optional(JsonNode body, String key) {
    JsonNode value = body.path(key);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new IllegalArgumentException(key + " must be text");
    }
    return value.stringValue().isBlank() ? null : value.stringValue().strip();
  }

  /** Like {@link #optional}, but absent is an error too. */
  static String required(JsonNode body, String key) {
    String text = optional(body, key);
    if (text == null) {
      throw new IllegalArgumentException(key + " is missing");
    }
    return text;
  }
}
