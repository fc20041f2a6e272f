package org.radflow.orchestration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.radflow.workflow.Answer;
import org.radflow.workflow.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of each service's health: a circuit breaker per service fed by every call's
 * answer. When a breaker opens the service is marked down in the store, which every node reads, so
 * all nodes suspend its steps. Recovery is not the breaker's to decide: probes verify it ({@link
 * HealthMonitor}), and the breaker closes when the store says the service is back.
 */
final class ServiceHealth {

  private static final Logger log = LoggerFactory.getLogger(ServiceHealth.class);

  private final Map<Service, CircuitBreaker> breakers = new EnumMap<>(Service.class);

  ServiceHealth(ServiceStore store, Clock clock, HealthSettings settings) {
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(settings.breakerWindow())
            .minimumNumberOfCalls(settings.breakerMinimumCalls())
            .failureRateThreshold(settings.breakerFailureRatePercent())
            // Never half-open by itself: recovery is verified by probes, then released.
            .waitDurationInOpenState(Duration.ofDays(365))
            .build();
    for (Service service : Service.values()) {
      CircuitBreaker breaker = CircuitBreaker.of(service.slug(), config);
      breaker
          .getEventPublisher()
          .onStateTransition(
              event -> {
                if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                  String reason =
                      "circuit breaker opened: "
                          + Math.round(breaker.getMetrics().getFailureRate())
                          + "% of the last calls to the "
                          + service.description()
                          + " failed to connect or timed out";
                  log.warn("{} is down: {}", service.slug(), reason);
                  store.markDown(service, reason, clock.instant());
                }
              });
      breakers.put(service, breaker);
    }
  }

  /** Whether this node may call the service now; a call permitted must be {@link #record}ed. */
  boolean permits(Service service) {
    return breakers.get(service).tryAcquirePermission();
  }

  /** Counts a call's answer: only unavailability speaks against the service's health. */
  void record(Service service, Answer answer, long nanos) {
    CircuitBreaker breaker = breakers.get(service);
    if (answer instanceof Answer.Unavailable unavailable) {
      breaker.onError(nanos, TimeUnit.NANOSECONDS, new ServiceUnavailable(unavailable.reason()));
    } else {
      breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** A call permitted but not made (the step turned out not ready) gives its permission back. */
  void release(Service service) {
    breakers.get(service).releasePermission();
  }

  /**
   * Whether this node's own calls opened the breaker; not when it is only held open because the
   * store said the service was down, a view that may be stale by the time a step asks.
   */
  boolean isOpen(Service service) {
    return breakers.get(service).getState() == CircuitBreaker.State.OPEN;
  }

  /** The store says the service is up again (here or on another node): trust it. */
  void closeIfOpen(Service service) {
    CircuitBreaker breaker = breakers.get(service);
    if (breaker.getState() != CircuitBreaker.State.CLOSED) {
      breaker.transitionToClosedState();
    }
  }

  /** The store says the service is down (another node saw it): stop calling it here too. */
  void openIfClosed(Service service) {
    CircuitBreaker breaker = breakers.get(service);
    if (breaker.getState() == CircuitBreaker.State.CLOSED) {
      breaker.transitionToForcedOpenState();
    }
  }

  /** The failure a breaker records; its message is the unavailability's reason. */
  static final class ServiceUnavailable extends RuntimeException {
    ServiceUnavailable(String reason) {
      super(reason, null, false, false);
    }
  }
}
