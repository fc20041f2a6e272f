package org.radflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

  final DeliveryPolicy policy = DeliveryPolicy.defaults();

  @Test
  void backoffIsFullJitterUnderAnExponentialCeilingCappedAtTenMinutes() {
    RandomGenerator random = new SplittableRandom(7);
    for (int attempt = 1; attempt <= 100; attempt++) {
      long ceiling = Math.min(600_000L, attempt > 40 ? Long.MAX_VALUE : 1_000L << (attempt - 1));
      for (int i = 0; i < 50; i++) {
        Duration delay = policy.backoff(attempt, random);
        assertThat(delay.toMillis()).isBetween(0L, ceiling);
      }
    }
  }

  @Test
  void theCeilingIsReachedJitterSpreadsBelowIt() {
    RandomGenerator top = new FixedTop();
    assertThat(policy.backoff(1, top)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(4, top)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.backoff(11, top)).isEqualTo(Duration.ofMinutes(10));
    assertThat(policy.backoff(70, top)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void defaultsAreTenAttemptsTenSecondsAndEightSubscriptionsAtOnce() {
    assertThat(policy.maxAttempts()).isEqualTo(10);
    assertThat(policy.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.concurrency()).isEqualTo(8);
  }

  @Test
  void nonsenseIsRefusedNamingTheField() {
    assertThatThrownBy(() -> policy.withMaxAttempts(0)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(
            () ->
                new DeliveryPolicy(
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(1),
                    3,
                    Duration.ofSeconds(10),
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5)))
        .hasMessageContaining("lease");
  }

  /** Always draws the largest value allowed, so the ceiling itself shows. */
  static final class FixedTop implements RandomGenerator {
    @Override
    public long nextLong() {
      throw new UnsupportedOperationException();
    }

    @Override
    public long nextLong(long bound) {
      return bound - 1;
    }
  }
}
