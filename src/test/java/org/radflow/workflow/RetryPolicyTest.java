package org.radflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Backoff with full jitter: bounds, a ceiling that only grows, and attempts per step. */
class RetryPolicyTest {

  @Provide
  Arbitrary<RetryPolicy> policies() {
    Arbitrary<Long> baseMillis = Arbitraries.longs().between(1, 10_000);
    Arbitrary<Long> extraCapMillis = Arbitraries.longs().between(0, 24L * 3_600_000);
    return Combinators.combine(
            baseMillis,
            extraCapMillis,
            Arbitraries.integers().between(1, 50),
            Arbitraries.integers().between(1, 200))
        .as(
            (base, extra, attempts, polling) ->
                new RetryPolicy(
                    Duration.ofMillis(base), Duration.ofMillis(base + extra), attempts, polling));
  }

  /** base · 2^(attempt-1), capped, in milliseconds; exact, without floating point. */
  private static long ceilingMillis(RetryPolicy policy, int attempt) {
    long cap = policy.cap().toMillis();
    long ceiling = policy.base().toMillis();
    for (int i = 1; i < attempt && ceiling < cap; i++) {
      ceiling *= 2;
    }
    return Math.min(ceiling, cap);
  }

  @Property
  void a_delay_is_at_least_a_millisecond_and_below_its_capped_ceiling(
      @ForAll("policies") RetryPolicy policy,
      @ForAll @IntRange(min = 1, max = 200) int attempt,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
    Duration delay = policy.delayAfter(attempt, random);

    assertThat(delay).isGreaterThanOrEqualTo(Duration.ofMillis(1));
    assertThat(delay.toMillis()).isLessThanOrEqualTo(ceilingMillis(policy, attempt));
    assertThat(delay).isLessThanOrEqualTo(policy.cap());
  }

  @Property
  void the_same_draw_never_waits_less_after_a_later_attempt(
      @ForAll("policies") RetryPolicy policy,
      @ForAll @IntRange(min = 1, max = 200) int attempt,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
    assertThat(policy.delayAfter(attempt + 1, random))
        .isGreaterThanOrEqualTo(policy.delayAfter(attempt, random));
  }

  @Property
  void the_highest_draw_reaches_the_ceiling_which_doubles_until_the_cap(
      @ForAll("policies") RetryPolicy policy, @ForAll @IntRange(min = 1, max = 200) int attempt) {
    double highest = Math.nextDown(1.0);
    long ceiling = ceilingMillis(policy, attempt);

    long delay = policy.delayAfter(attempt, highest).toMillis();

    assertThat(delay).isBetween(Math.max(1, ceiling - 1), ceiling);
    long next = ceilingMillis(policy, attempt + 1);
    assertThat(next).isEqualTo(Math.min(2 * ceiling, policy.cap().toMillis()));
  }

  @Property
  void the_lowest_draw_waits_a_single_millisecond(
      @ForAll("policies") RetryPolicy policy, @ForAll @IntRange(min = 1, max = 200) int attempt) {
    assertThat(policy.delayAfter(attempt, 0.0)).isEqualTo(Duration.ofMillis(1));
  }

  @Property
  void polling_steps_get_the_polling_attempts_and_every_other_step_the_ordinary_ones(
      @ForAll("policies") RetryPolicy policy, @ForAll StepKind kind) {
    boolean polling =
        kind == StepKind.CONFIRM_STORAGE_COMMITMENT || kind == StepKind.FETCH_CLAIM_ANSWER;

    assertThat(policy.attemptsFor(kind))
        .isEqualTo(polling ? policy.maxPollingAttempts() : policy.maxAttempts());
  }

  @Example
  void the_defaults_back_off_from_half_a_second_to_five_minutes() {
    RetryPolicy defaults = RetryPolicy.defaults();

    assertThat(defaults.delayAfter(1, Math.nextDown(1.0))).isEqualTo(Duration.ofMillis(499));
    assertThat(defaults.delayAfter(2, Math.nextDown(1.0))).isEqualTo(Duration.ofMillis(999));
    assertThat(defaults.delayAfter(30, Math.nextDown(1.0)))
        .isEqualTo(Duration.ofMinutes(5).minusMillis(1));
    assertThat(defaults.attemptsFor(StepKind.PUBLISH_REPORT)).isEqualTo(8);
    assertThat(defaults.attemptsFor(StepKind.CONFIRM_STORAGE_COMMITMENT)).isEqualTo(40);
  }

  @Example
  void a_base_equal_to_the_cap_is_allowed() {
    RetryPolicy flat = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1);

    assertThat(flat.delayAfter(10, 0.5)).isEqualTo(Duration.ofMillis(500));
  }

  @Example
  void the_constructor_refuses_a_backoff_that_cannot_work() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, second, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(-1), second, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(second, Duration.ofMillis(999), 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cap");
    assertThatThrownBy(() -> new RetryPolicy(second, second, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one attempt");
    assertThatThrownBy(() -> new RetryPolicy(second, second, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one attempt");
  }
}
