package org.radflow.orchestration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.StudyStore;
import org.radflow.ports.Ports;
import org.radflow.study.StudyId;
import org.radflow.workflow.RetryPolicy;
import org.radflow.workflow.Service;

/**
 * One node's orchestration: the step engine, the health monitor, and the operator actions, which
 * are counted here and audited by the store in the transaction that performs them.
 */
public final class Orchestration implements AutoCloseable {

  /** How often the health monitor looks at the services and drives releases. */
  static final Duration HEALTH_TICK = Duration.ofMillis(100);

  private final Recovery recovery;
  private final ServiceStore services;
  private final StepEngine engine;
  private final HealthMonitor monitor;
  private final java.util.Optional<RetentionPurge> purge;
  private final Clock clock;
  private final MeterRegistry meters;

  public Orchestration(
      StudyStore studies,
      StepStore steps,
      Recovery recovery,
      ServiceStore services,
      Ports ports,
      StepRequests requests,
      Clock clock,
      RetryPolicy retry,
      EngineSettings engineSettings,
      HealthSettings healthSettings,
      MeterRegistry meters,
      org.radflow.tracing.Tracing tracing) {
    this.recovery = recovery;
    this.services = services;
    this.clock = clock;
    this.meters = meters;
    ServiceHealth health = new ServiceHealth(services, clock, healthSettings);
    this.engine =
        new StepEngine(
            studies,
            steps,
            services,
            new StepCalls(ports, requests, steps, clock),
            health,
            retry,
            clock,
            engineSettings,
            meters,
            tracing);
    this.purge =
        requests.retained().map(blobs -> new RetentionPurge(steps, blobs, requests, clock));
    this.monitor =
        new HealthMonitor(
            services,
            ports,
            health,
            clock,
            healthSettings,
            new StepGauges(services, meters, clock));
  }

  public void start() {
    monitor.start(HEALTH_TICK);
    engine.start();
    purge.ifPresent(RetentionPurge::start);
  }

  public Redrive redrive(UUID step, String actor, String reason) {
    Redrive result = recovery.redrive(step, actor, reason, clock.instant());
    count("redrive", result instanceof Redrive.Redriven ? "redriven" : "refused");
    return result;
  }

  public ApplyResult compensate(StudyId study, String actor, String reason) {
    ApplyResult result = recovery.compensate(study, actor, reason, clock.instant());
    count("compensate", result.getClass().getSimpleName().toLowerCase());
    return result;
  }

  public ApplyResult resolve(StudyId study, long exception, String actor, String note) {
    ApplyResult result = recovery.resolve(study, exception, actor, note, clock.instant());
    count("resolve", result.getClass().getSimpleName().toLowerCase());
    return result;
  }

  public ServiceStatus release(Service service, String actor, String reason, boolean force) {
    ServiceStatus status = services.startRelease(service, actor, reason, force, clock.instant());
    count("release", status.state() == ServiceStatus.State.RELEASING ? "releasing" : "refused");
    return status;
  }

  public ServiceStatus configureRelease(
      Service service, ServiceStatus.ReleaseMode mode, double perSecond, String actor) {
    return services.configureRelease(service, mode, perSecond, actor, clock.instant());
  }

  private void count(String action, String outcome) {
    Counter.builder("radflow.operator.actions")
        .description("operator actions on steps, studies and services")
        .tag("action", action)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  /** Purges the retained requests past their retention now; how many it deleted. */
  public int purgeRetained() {
    return purge.map(RetentionPurge::purge).orElse(0);
  }

  /**
   * This node is stopping: the step engine claims nothing more and its running steps get up to
   * {@code bound} to finish; the leases of the rest are given back for another node to take at
   * once. The health monitor and the retention purge stop with {@link #close}.
   *
   * @return how many leases were given back
   */
  public int drain(Duration bound) {
    return engine.drain(bound);
  }

  @Override
  public void close() {
    purge.ifPresent(RetentionPurge::close);
    engine.close();
    monitor.close();
  }
}
