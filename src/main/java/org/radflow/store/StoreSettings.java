package org.radflow.store;

import java.time.Duration;

/**
 * @param inlineLimitBytes the most inline data (data, attributes, references) one command may
 *     carry; above it the caller must pass a reference to a blob instead
 * @param holdLimit how long an early transition waits for its prerequisite
 */
public record StoreSettings(int inlineLimitBytes, Duration holdLimit) {

  public static final int DEFAULT_INLINE_LIMIT = 16 * 1024;
  public static final Duration DEFAULT_HOLD_LIMIT = Duration.ofHours(4);

  public StoreSettings {
    if (inlineLimitBytes < 256) {
      throw new IllegalArgumentException(
          "inlineLimitBytes must be at least 256, was " + inlineLimitBytes);
    }
    if (holdLimit == null || holdLimit.isNegative() || holdLimit.isZero()) {
      throw new IllegalArgumentException("holdLimit must be positive, was " + holdLimit);
    }
  }

  public static StoreSettings defaults() {
    return new StoreSettings(DEFAULT_INLINE_LIMIT, DEFAULT_HOLD_LIMIT);
  }
}
