package org.radflow.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.radflow.hl7.Hl7Service;
import org.radflow.orchestration.Orchestration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What this node does on SIGTERM besides the HTTP server's own graceful shutdown, and at the same
 * time as it (the same lifecycle phase, so the three drains share one bound rather than adding up):
 * the MLLP listener stops accepting and answers the messages it already holds, each after its
 * commit; the step engine claims nothing more, lets its running steps finish and gives back the
 * leases of those that do not, so that another node takes them at once.
 *
 * <p>The bound is Spring's own {@code spring.lifecycle.timeout-per-shutdown-phase}, which
 * application.properties sets from {@code RADFLOW_SHUTDOWN_TIMEOUT} (30 s by default): the one
 * number an operator sets, and systemd's {@code TimeoutStopSec} must exceed. The relay and the
 * webhook dispatcher stop after this phase, when their beans close: each finishes the round it is
 * in and gives back what it holds.
 */
@Component
class GracefulStop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

  private final ObjectProvider<Hl7Service> hl7;
  private final ObjectProvider<Orchestration> orchestration;
  private final Duration bound;
  private volatile boolean running;

  GracefulStop(
      ObjectProvider<Hl7Service> hl7,
      ObjectProvider<Orchestration> orchestration,
      @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration bound) {
    this.hl7 = hl7;
    this.orchestration = orchestration;
    this.bound = bound;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    drain();
    running = false;
  }

  /** Drains off the caller's thread, so that Spring waits for it and the web server together. */
  @Override
  public void stop(Runnable callback) {
    Thread drainer =
        new Thread(
            () -> {
              try {
                stop();
              } finally {
                callback.run();
              }
            },
            "radflow-graceful-stop");
    drainer.setDaemon(true);
    drainer.start();
  }

  private void drain() {
    // Spring stops waiting for this phase at the bound: what runs here must be done before then,
    // so the steps and messages get the bound less a margin for giving back leases
    Duration wait = bound.minus(margin(bound));
    log.info("stopping: finishing MLLP messages and steps for up to {} ms", wait.toMillis());
    List<Thread> drains = new ArrayList<>();
    hl7.ifAvailable(service -> drains.add(started("mllp", () -> service.listener().close(wait))));
    orchestration.ifAvailable(
        engine ->
            drains.add(
                started(
                    "steps",
                    () ->
                        log.info(
                            "steps drained; {} leases given back for other nodes to take",
                            engine.drain(wait)))));
    for (Thread drain : drains) {
      try {
        drain.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A quarter of the bound, at most 5 s. */
  static Duration margin(Duration bound) {
    Duration quarter = bound.dividedBy(4);
    return quarter.compareTo(Duration.ofSeconds(5)) < 0 ? quarter : Duration.ofSeconds(5);
  }

  private static Thread started(String what, Runnable drain) {
    Thread thread = new Thread(drain, "radflow-drain-" + what);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
  }
}
