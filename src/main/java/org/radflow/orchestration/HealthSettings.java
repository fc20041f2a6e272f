package org.radflow.orchestration;

import java.time.Duration;

/**
 * How service health is judged and suspended work released.
 *
 * @param breakerWindow how many recent calls a breaker looks at
 * @param breakerMinimumCalls calls needed before a breaker may open
 * @param breakerFailureRatePercent the share of unavailable answers that opens it
 * @param probeInterval how often a down service is probed
 * @param probeTimeout how long one probe may take
 * @param healthyProbesToRecover consecutive healthy probes that verify recovery
 */
public record HealthSettings(
    int breakerWindow,
    int breakerMinimumCalls,
    float breakerFailureRatePercent,
    Duration probeInterval,
    Duration probeTimeout,
    int healthyProbesToRecover) {

  public static HealthSettings defaults() {
    return new HealthSettings(20, 5, 50f, Duration.ofSeconds(2), Duration.ofSeconds(1), 3);
  }

  public HealthSettings {
    if (breakerWindow < 1 || breakerMinimumCalls < 1 || healthyProbesToRecover < 1) {
      throw new IllegalArgumentException("breaker window, minimum calls and probes must be >= 1");
    }
  }
}
