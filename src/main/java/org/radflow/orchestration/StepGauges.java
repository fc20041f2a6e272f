package org.radflow.orchestration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;

/**
 * Gauges for operators: steps per service and status ({@code radflow.steps.open}), and each
 * service's state ({@code radflow.service.state}, 1 for its current state). Read from a snapshot
 * the health monitor refreshes, so a scrape never queries the database.
 */
final class StepGauges {

  /** How old a snapshot may be before a refresh reads the database again. */
  static final Duration MAX_AGE = Duration.ofSeconds(5);

  private final ServiceStore store;
  private final AtomicReference<Map<Service, Map<StepStatus, Long>>> counts =
      new AtomicReference<>(Map.of());
  private final AtomicReference<List<ServiceStatus>> states = new AtomicReference<>(List.of());
  private volatile long refreshedAt;

  StepGauges(ServiceStore store, MeterRegistry meters) {
    this.store = store;
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
    }
  }

  /** Called from the health monitor's thread. */
  void refreshIfOld(long nowMillis) {
    if (nowMillis - refreshedAt < MAX_AGE.toMillis()) {
      return;
    }
    counts.set(store.stepCounts());
    states.set(store.services());
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
}
