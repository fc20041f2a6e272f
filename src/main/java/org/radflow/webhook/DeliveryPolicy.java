package org.radflow.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How the dispatcher sends and retries.
 *
 * <p>An attempt succeeds on any 2xx. Anything else — another status (redirects are not followed), a
 * timeout, a refused connection — is retried after a delay drawn uniformly from zero to {@code
 * min(cap, base × 2^(attempt − 1))} ("full jitter", so receivers coming back from an outage are not
 * hit by every sender at once). After {@code maxAttempts} failed attempts the delivery is DEAD: it
 * leaves the queue for the dead-letter view and its subscription carries on with the next delivery,
 * so one poisoned event does not stop a subscriber for ever; an operator redelivers it.
 *
 * @param timeout for one request, connecting included
 * @param concurrency how many subscriptions are sent to at once (each one strictly in order)
 * @param poll how long the dispatcher waits when nothing is due
 * @param lease how long a claimed run of deliveries is reserved; above {@code timeout}, so a slow
 *     attempt is not taken over while it is still running. A run starts another delivery only while
 *     the lease outlasts two timeouts (the request, then writing the outcomes), and gives the rest
 *     back otherwise
 */
public record DeliveryPolicy(
    Duration base,
    Duration cap,
    int maxAttempts,
    Duration timeout,
    int concurrency,
    Duration poll,
    Duration lease) {

  /**
   * The most deliveries of one subscription claimed and sent together, one after the other: a run
   * costs one claim and one outcome transaction instead of two per delivery, which is what bounds
   * one subscription's rate on a loaded database. Longer runs save little more and hold a
   * subscription's deliveries longer if the node dies (they wait for the lease to run out).
   */
  public static final int RUN_LENGTH = 64;

  public DeliveryPolicy {
    positive(base, "base");
    positive(cap, "cap");
    positive(timeout, "timeout");
    positive(poll, "poll");
    positive(lease, "lease");
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("cap must not be below base");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    if (lease.compareTo(timeout) <= 0) {
      throw new IllegalArgumentException("lease must be longer than timeout");
    }
  }

  /** Base 1 s, cap 10 min, 10 attempts, 10 s timeout, 8 subscriptions at once. */
  public static DeliveryPolicy defaults() {
    return new DeliveryPolicy(
        Duration.ofSeconds(1),
        Duration.ofMinutes(10),
        10,
        Duration.ofSeconds(10),
        8,
        Duration.ofMillis(500),
        Duration.ofSeconds(60));
  }

  public DeliveryPolicy withMaxAttempts(int attempts) {
    return new DeliveryPolicy(base, cap, attempts, timeout, concurrency, poll, lease);
  }

  /** The delay before the attempt after failed attempt number {@code attempt} (1-based). */
  public Duration backoff(int attempt, RandomGenerator random) {
    long ceiling = cap.toMillis();
    int shift = Math.min(attempt - 1, 62);
    long exponential = base.toMillis() << shift;
    if (exponential <= 0 || (exponential >> shift) != base.toMillis()) {
      exponential = ceiling; // overflowed
    }
    long bound = Math.min(ceiling, exponential);
    return Duration.ofMillis(random.nextLong(bound + 1));
  }

  private static void positive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
    }
  }
}
