package org.radflow.study;

import java.util.Objects;

/** Compact-constructor checks that name the offending field. */
final class Require {
  private Require() {}

  static <T> T present(T value, String field) {
    return Objects.requireNonNull(value, () -> field + " must be present");
  }

  static String text(String value, String field) {
    present(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  static String text(String value, String field, int maxLength) {
    text(value, field);
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " must be at most " + maxLength + " characters, was " + value.length());
    }
    return value;
  }
}
