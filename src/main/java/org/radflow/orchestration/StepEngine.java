package org.radflow.orchestration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.radflow.lifecycle.StudyStore;
import org.radflow.logging.LogFields;
import org.radflow.logging.LoggedFault;
import org.radflow.study.Study;
import org.radflow.tracing.TraceSpan;
import org.radflow.tracing.Tracing;
import org.radflow.workflow.Answer;
import org.radflow.workflow.RetryPolicy;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepKind;
import org.radflow.workflow.StepRules;
import org.radflow.workflow.StepStatus;
import org.radflow.workflow.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due steps: a dispatcher claims as many as there are free workers, each worker calls the
 * step's system (outside any transaction) and commits what the answer means under the step's fence.
 * A worker that dies leaves its lease to expire; another node takes the step over and calls again
 * with the same idempotency key, so the system does the work once.
 *
 * <p>A node that is stopping {@linkplain #drain drains}: it claims nothing more, lets the steps it
 * holds finish within a bound, and gives back the leases of those that do not, so another node
 * takes them over at once instead of when the leases run out.
 */
public final class StepEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StepEngine.class);

  private final StudyStore studies;
  private final StepStore steps;
  private final ServiceStore services;
  private final StepCalls calls;
  private final ServiceHealth health;
  private final RetryPolicy retry;
  private final Clock clock;
  private final EngineSettings settings;
  private final MeterRegistry meters;
  private final Tracing tracing;
  private final ExecutorService workers;
  private final Semaphore free;
  private final int batch;
  private final Duration lease;
  private final Thread dispatcher;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean drained = new AtomicBoolean();
  private final StepsInFlight inFlight = new StepsInFlight();
  private final Counter takeovers;
  private final Counter leasesLost;

  StepEngine(
      StudyStore studies,
      StepStore steps,
      ServiceStore services,
      StepCalls calls,
      ServiceHealth health,
      RetryPolicy retry,
      Clock clock,
      EngineSettings settings,
      MeterRegistry meters,
      Tracing tracing) {
    this.studies = studies;
    this.tracing = tracing;
    this.steps = steps;
    this.services = services;
    this.calls = calls;
    this.health = health;
    this.retry = retry;
    this.clock = clock;
    this.settings = settings;
    this.meters = meters;
    this.free = new Semaphore(settings.workers());
    this.batch = Math.max(1, settings.workers() / 4);
    this.lease = lease(settings);
    this.workers =
        Executors.newFixedThreadPool(
            settings.workers(),
            r -> {
              Thread t = new Thread(r, "radflow-step-worker");
              t.setDaemon(true);
              return t;
            });
    this.dispatcher = new Thread(this::dispatch, "radflow-step-dispatcher");
    this.dispatcher.setDaemon(true);
    this.takeovers =
        Counter.builder("radflow.steps.takeovers")
            .description("steps claimed after another worker's lease expired")
            .register(meters);
    this.leasesLost =
        Counter.builder("radflow.steps.leases.lost")
            .description("step outcomes not written because the lease had been taken over")
            .register(meters);
  }

  void start() {
    if (running.compareAndSet(false, true)) {
      dispatcher.start();
    }
  }

  private void dispatch() {
    while (running.get()) {
      int held = 0; // worker permits taken and not yet handed to a claimed step
      try {
        // Claim in batches: wait briefly for a quarter of the workers to be free, so one claim
        // transaction feeds several workers instead of one each.
        boolean full =
            free.tryAcquire(batch, settings.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
        held = (full ? batch : 0) + free.drainPermits();
        if (held == 0) {
          free.acquire();
          held = 1 + free.drainPermits();
        }
        Instant claiming = clock.instant();
        List<ClaimedStep> claimed = steps.claim(settings.node(), held, claiming, lease);
        traceClaims(claimed, claiming);
        free.release(held - claimed.size());
        held = 0;
        for (ClaimedStep step : claimed) {
          inFlight.add(step);
          workers.execute(() -> runAndRelease(step));
        }
        if (claimed.isEmpty()) {
          Thread.sleep(settings.idlePoll().toMillis());
        }
      } catch (InterruptedException e) {
        free.release(held);
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        free.release(held);
        log.warn("claiming steps failed; trying again shortly: {}", e.toString());
        sleepQuietly(settings.idlePoll().multipliedBy(10));
      }
    }
  }

  /** A claim span for each step, in the step's trace: which trace is known only once claimed. */
  private void traceClaims(List<ClaimedStep> claimed, Instant claiming) {
    if (!tracing.enabled() || claimed.isEmpty()) {
      return;
    }
    Instant done = clock.instant();
    for (ClaimedStep step : claimed) {
      tracing.record(
          "radflow.step.claim",
          step.traceParent(),
          claiming,
          done,
          "radflow.step.kind",
          step.kind().name(),
          "radflow.step.id",
          step.id().toString(),
          "radflow.step.attempt",
          Integer.toString(step.attempt()));
    }
  }

  /** Longer than any call: only a dead worker's lease runs out. */
  private static Duration lease(EngineSettings settings) {
    Duration longest =
        java.util.Arrays.stream(StepKind.values())
            .map(StepKind::callTimeout)
            .max(Duration::compareTo)
            .orElseThrow();
    return longest.plus(settings.leaseGrace());
  }

  private void runAndRelease(ClaimedStep step) {
    try (LogFields.Scope fields = LogFields.open().study(step.study()).step(step.id())) {
      run(step);
    } catch (RuntimeException e) {
      // The lease runs out and the step is claimed again; nothing is lost.
      log.warn("step {} ({}) failed to run: {}", step.id(), step.kind(), LoggedFault.describe(e));
    } finally {
      inFlight.remove(step);
      free.release();
    }
  }

  /** Runs one claimed step to a committed outcome. */
  void run(ClaimedStep step) {
    if (step.takenOverFrom() != null) {
      takeovers.increment();
      log.info("took over step {} ({}) from {}", step.id(), step.kind(), step.takenOverFrom());
    }
    Timer.Sample sample = Timer.start(meters);
    StepFinish finish = decide(step);
    Timer.Sample commitSample = Timer.start(meters);
    if (finish instanceof StepFinish.Suspend suspend) {
      // Suspended work waits for its service's release, so the service must be marked down for
      // every node (idempotent when the breaker already did it). Only this node's own failed calls
      // say so: a breaker held open because the store said DOWN may be stale by now, and marking
      // the service down from it would undo a recovery the probes have verified since.
      step.kind()
          .service()
          .filter(health::isOpen)
          .ifPresent(service -> services.markDown(service, suspend.reason(), clock.instant()));
    }
    StepCommit commit;
    try (TraceSpan span = tracing.start("radflow.step.finish", step.traceParent())) {
      span.tag("radflow.step.kind", step.kind().name())
          .tag("radflow.step.id", step.id().toString())
          .tag("radflow.outcome", outcomeName(finish));
      commit = steps.finish(step, finish, clock.instant());
      // logged inside the span, so the lines carry the step's trace
      if (commit instanceof StepCommit.LeaseLost lost) {
        leasesLost.increment();
        log.warn("outcome of step {} not written: {}", step.id(), lost.reason());
      } else if (finish instanceof StepFinish.Fail failed) {
        // the reason stays in the study's history: an external system's words may quote the
        // patient
        log.warn("step {} ({}) failed for good ({})", step.id(), step.kind(), failed.outcome());
      }
    }
    commitSample.stop(
        Timer.builder("radflow.steps.commit")
            .description("committing a step's outcome with its effects on the study")
            .register(meters));
    sample.stop(
        Timer.builder("radflow.steps")
            .description("steps run, by kind and outcome")
            .tag("kind", step.kind().name())
            .tag("outcome", outcomeName(finish))
            .register(meters));
  }

  private StepFinish decide(ClaimedStep step) {
    Study study =
        studies
            .find(step.study())
            .orElseThrow(() -> new IllegalStateException("step of unknown study " + step.study()));
    LogFields.addAccession(study.businessKey().accessionNumber());
    StepKind kind = step.kind();
    if (kind.isTimer()) {
      return finish(step, StepRules.fire(kind, step.id().toString(), study), null);
    }
    Optional<Verdict> blocked =
        StepRules.blocker(kind, study, clock.instant(), settings.ihiMaxAge());
    if (blocked.isPresent()) {
      return finish(step, blocked.get(), null);
    }
    Service service = kind.service().orElseThrow();
    if (!health.permits(service)) {
      return new StepFinish.Suspend("the " + service.description() + " is down");
    }
    long started = System.nanoTime();
    Answer answer;
    try (TraceSpan span = tracing.start("radflow.step.call", step.traceParent())) {
      span.tag("radflow.step.kind", kind.name())
          .tag("radflow.step.id", step.id().toString())
          .tag("radflow.service", service.slug());
      answer = calls.call(step, study, earlier -> earlierRef(step, earlier), span.traceparent());
      span.tag("radflow.answer", answer.getClass().getSimpleName());
      if (Thread.currentThread().isInterrupted()) {
        // This node is stopping and cut the call short after giving the step's lease back. That
        // is neither the service's failure (counted, it would mark the service down for every
        // node) nor the step's outcome: the node that takes the step over calls again.
        throw new IllegalStateException("call cut short: this node is stopping");
      }
      // inside the span: a service marked down by this answer is logged with the step's trace
      health.record(service, answer, System.nanoTime() - started);
    } catch (RuntimeException e) {
      health.release(service);
      throw e;
    }
    long took = System.nanoTime() - started;
    Timer.builder("radflow.steps.call")
        .description("calls to the external systems, by service")
        .tag("service", service.slug())
        .register(meters)
        .record(took, TimeUnit.NANOSECONDS);
    Verdict verdict = StepRules.judge(kind, step.id().toString(), answer, study);
    if (verdict instanceof Verdict.Retry
        && answer instanceof Answer.Unavailable
        && health.isOpen(service)) {
      return new StepFinish.Suspend(((Answer.Unavailable) answer).reason());
    }
    return finish(step, verdict, answer);
  }

  private StepFinish finish(ClaimedStep step, Verdict verdict, Answer answer) {
    Instant now = clock.instant();
    if (verdict instanceof Verdict.Complete complete) {
      return new StepFinish.Complete(complete.ref(), complete.effects());
    }
    if (verdict instanceof Verdict.Fail fail) {
      return new StepFinish.Fail(outcomeOf(answer), fail.reason(), fail.effects());
    }
    if (verdict instanceof Verdict.Moot moot) {
      return new StepFinish.Moot(moot.reason());
    }
    if (verdict instanceof Verdict.Wait wait) {
      return new StepFinish.Wait(wait.reason(), now.plus(settings.waitRetry()), wait.effects());
    }
    Verdict.Retry again = (Verdict.Retry) verdict;
    if (step.attempt() >= step.maxAttempts()) {
      Verdict.Fail exhausted =
          (Verdict.Fail)
              StepRules.exhausted(
                  step.kind(), step.id().toString(), step.attempt(), again.reason());
      return new StepFinish.Fail(outcomeOf(answer), exhausted.reason(), exhausted.effects());
    }
    Duration delay = retry.delayAfter(step.attempt(), ThreadLocalRandom.current().nextDouble());
    return new StepFinish.Retry(outcomeOf(answer), again.reason(), now.plus(delay));
  }

  private static String outcomeOf(Answer answer) {
    if (answer instanceof Answer.Refused) {
      return "REJECTED";
    }
    if (answer instanceof Answer.Unavailable) {
      return "UNAVAILABLE";
    }
    if (answer instanceof Answer.Failed) {
      return "FAILED";
    }
    return "NOT_YET"; // answered, but not done yet: images uncommitted, claim unanswered
  }

  private Optional<String> earlierRef(ClaimedStep step, StepKind earlier) {
    return steps.steps(step.study()).stream()
        .filter(s -> s.kind() == earlier && s.status() == StepStatus.SUCCEEDED)
        .reduce((first, second) -> second)
        .map(StepRecord::externalRef);
  }

  private static String outcomeName(StepFinish finish) {
    return finish.getClass().getSimpleName().toLowerCase();
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops claiming, waits up to {@code bound} for the steps this node runs to finish, then gives
   * back the leases of those still running ({@link StepStore#release}). Only the first call waits.
   *
   * @return how many leases were given back
   */
  public int drain(Duration bound) {
    if (!drained.compareAndSet(false, true)) {
      return 0;
    }
    running.set(false);
    dispatcher.interrupt(); // it may be waiting for a free worker
    try {
      // claims in progress end before the workers stop taking them
      dispatcher.join(5_000);
      workers.shutdown();
      if (!workers.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        log.info(
            "{} steps still running after {} ms; giving their leases back",
            inFlight.size(),
            bound.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return inFlight.giveBack(steps, clock.instant());
  }

  @Override
  public void close() {
    drain(Duration.ofSeconds(15));
    workers.shutdownNow();
  }
}
