package org.radflow.orchestration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/**
 * Gauges for operators and their alerts: steps per service and status ({@code radflow.steps.open}),
 * each service's state ({@code radflow.service.state}, 1 for its current state), how long a service
 * has been DOWN ({@code radflow.service.down.seconds}) and how old its oldest suspended step is
 * ({@code radflow.steps.oldest.suspended.seconds}). Read from a snapshot the health monitor
 * refreshes, so a scrape never queries the database; the two ages are taken from the snapshot's
 * instants at scrape time, so they keep growing between refreshes as the alerts expect.
 */
final class StepGauges {

  /** How old a snapshot may be before a refresh reads the database again. */
  static final Duration MAX_AGE = Duration.ofSeconds(5);

  private final ServiceStore store;
  private final Clock clock;
  private final AtomicReference<Map<Service, Map<StepStatus, Long>>> counts =
      new AtomicReference<>(Map.of());
  private final AtomicReference<List<ServiceStatus>> states = new AtomicReference<>(List.of());
  private final AtomicReference<Map<Service, SuspendedWork>> suspended =
      new AtomicReference<>(Map.of());
  private volatile long refreshedAt;

  StepGauges(ServiceStore store, MeterRegistry meters, Clock clock) {
    this.store = store;
    this.clock = clock;
    for (Service service : Service.values()) {
      for (StepStatus status : StepStatus.values()) {
        Gauge.builder("radflow.steps.open", () -> count(service, status))
            .description("steps of a service by status")
            .tag("service", service.slug())
            .tag("status", status.name())
            .register(meters);
      }
      for (ServiceStatus.State state : ServiceStatus.State.values()) {
        Gauge.builder("radflow.service.state", () -> inState(service, state))
            .description("1 for the service's current state, 0 for the others")
            .tag("service", service.slug())
            .tag("state", state.name())
            .register(meters);
      }
      Gauge.builder("radflow.service.down.seconds", () -> downSeconds(service))
          .description("how long the service has been DOWN as the nodes agree, 0 when it is not")
          .tag("service", service.slug())
          .register(meters);
      Gauge.builder("radflow.steps.oldest.suspended.seconds", () -> oldestSuspended(service))
          .description("age of the service's oldest suspended step, 0 when none is suspended")
          .tag("service", service.slug())
          .register(meters);
    }
  }

  /** Called from the health monitor's thread. */
  void refreshIfOld(long nowMillis) {
    if (nowMillis - refreshedAt < MAX_AGE.toMillis()) {
      return;
    }
    counts.set(store.stepCounts());
    states.set(store.services());
    suspended.set(store.suspendedWork());
    refreshedAt = nowMillis;
  }

  private double count(Service service, StepStatus status) {
    return counts.get().getOrDefault(service, Map.of()).getOrDefault(status, 0L);
  }

  private double inState(Service service, ServiceStatus.State state) {
    return states.get().stream().anyMatch(s -> s.service() == service && s.state() == state)
        ? 1
        : 0;
  }

  private double downSeconds(Service service) {
    return states.get().stream()
        .filter(s -> s.service() == service && s.state() == ServiceStatus.State.DOWN)
        .findFirst()
        .map(s -> secondsSince(s.changedAt()))
        .orElse(0.0);
  }

  private double oldestSuspended(Service service) {
    SuspendedWork work = suspended.get().get(service);
    return work == null || work.suspended() == 0 || work.oldest() == null
        ? 0
        : secondsSince(work.oldest());
  }

  private double secondsSince(Instant then) {
    return Math.max(0, Duration.between(then, clock.instant()).toMillis() / 1000.0);
  }
}
