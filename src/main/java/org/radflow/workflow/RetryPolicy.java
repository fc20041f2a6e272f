package org.radflow.workflow;

import java.time.Duration;

/**
 * Exponential backoff with full jitter, and how many attempts a step gets before it fails to the
 * exception lane. Polling steps (storage commitment, claim answer) get more attempts.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts, int maxPollingAttempts) {

  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofMillis(500), Duration.ofMinutes(5), 8, 40);
  }

  public RetryPolicy {
    if (base.toMillis() < 1 || cap.compareTo(base) < 0) {
      // below a millisecond the 1 ms floor of every delay would exceed the ceiling
      throw new IllegalArgumentException("backoff needs 1 ms <= base <= cap");
    }
    if (maxAttempts < 1 || maxPollingAttempts < 1) {
      throw new IllegalArgumentException("a step gets at least one attempt");
    }
  }

  public int attemptsFor(StepKind kind) {
    return switch (kind) {
      case CONFIRM_STORAGE_COMMITMENT, FETCH_CLAIM_ANSWER -> maxPollingAttempts;
      default -> maxAttempts;
    };
  }

  /**
   * The delay before attempt {@code attempt + 1}: a uniformly random point below {@code base *
   * 2^(attempt-1)}, capped, so retries of many steps spread out instead of arriving together.
   *
   * @param random a number in [0, 1)
   */
  public Duration delayAfter(int attempt, double random) {
    double ceiling = base.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
    long capped = (long) Math.min(ceiling, cap.toMillis());
    return Duration.ofMillis(Math.max(1, (long) (capped * random)));
  }
}
