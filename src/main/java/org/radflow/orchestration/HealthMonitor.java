package org.radflow.orchestration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.radflow.ports.Ports;
import org.radflow.workflow.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the services that are not up: probes a down service until several consecutive probes are
 * healthy (recovery verified), starts an automatic release where the service's policy says so,
 * drives releases at their rate, keeps this node's breakers in step with the agreed state, and
 * suspends steps that became due for a service that is not up.
 */
final class HealthMonitor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
  static final String AUTOMATIC_RELEASE = "radflow (automatic release)";

  private final ServiceStore store;
  private final Ports ports;
  private final ServiceHealth health;
  private final Clock clock;
  private final HealthSettings settings;
  private final Map<Service, Integer> healthyInARow = new EnumMap<>(Service.class);
  private final Map<Service, Instant> lastProbe = new EnumMap<>(Service.class);
  private final ScheduledExecutorService timer;
  private final StepGauges gauges;

  HealthMonitor(
      ServiceStore store,
      Ports ports,
      ServiceHealth health,
      Clock clock,
      HealthSettings settings,
      StepGauges gauges) {
    this.gauges = gauges;
    this.store = store;
    this.ports = ports;
    this.health = health;
    this.clock = clock;
    this.settings = settings;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "radflow-health");
              t.setDaemon(true);
              return t;
            });
  }

  void start(Duration tick) {
    timer.scheduleWithFixedDelay(this::tickSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("health tick failed; trying again next tick: {}", e.toString());
    }
  }

  /** One round over every service. Public to the package so tests can drive it step by step. */
  void tick() {
    boolean anyUnavailable = false;
    for (ServiceStatus status : store.services()) {
      Service service = status.service();
      switch (status.state()) {
        case UP -> {
          health.closeIfOpen(service);
          healthyInARow.remove(service);
        }
        case DOWN -> {
          anyUnavailable = true;
          health.openIfClosed(service);
          probe(service, status);
        }
        case RECOVERED -> {
          anyUnavailable = true;
          health.openIfClosed(service);
          if (status.releaseMode() == ServiceStatus.ReleaseMode.AUTOMATIC) {
            ServiceStatus released =
                store.startRelease(
                    service,
                    AUTOMATIC_RELEASE,
                    "recovery verified by " + settings.healthyProbesToRecover() + " healthy probes",
                    false,
                    clock.instant());
            if (released.state() == ServiceStatus.State.RELEASING) {
              // calls may go at once: released steps must not find this node's breaker still open
              health.closeIfOpen(service);
            }
          }
        }
        case RELEASING -> {
          health.closeIfOpen(service);
          store.releaseDue(service, clock.instant());
        }
      }
    }
    if (anyUnavailable) {
      store.suspendPendingOfUnavailable(clock.instant());
    }
    gauges.refreshIfOld(clock.millis());
  }

  private void probe(Service service, ServiceStatus status) {
    Instant now = clock.instant();
    Instant last = lastProbe.get(service);
    if (last != null && now.isBefore(last.plus(settings.probeInterval()))) {
      return;
    }
    lastProbe.put(service, now);
    boolean healthy = ports.probe(service).healthy(settings.probeTimeout());
    int inARow = healthy ? healthyInARow.getOrDefault(service, 0) + 1 : 0;
    healthyInARow.put(service, inARow);
    if (inARow >= settings.healthyProbesToRecover()) {
      healthyInARow.remove(service);
      if (store.markRecovered(service, clock.instant())) {
        log.info(
            "{} recovered: {} healthy probes in a row; release is {}",
            service.slug(),
            inARow,
            status.releaseMode());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
