package org.radflow.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.radflow.logging.LogFields;
import org.radflow.tracing.TraceSpan;
import org.radflow.tracing.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox: takes its share of the study space's slices, reads their unpublished events
 * oldest first, publishes them (Kafka when configured), and marks them published — with their
 * webhook deliveries — under the slices' fences. A failed event holds back the rest of its study,
 * so per study the order of publication is the order of commit. When the broker is unreachable the
 * relay backs off with jitter and the events wait; nothing else in radflow waits.
 */
public final class Relay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Relay.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final OutboxStore store;
  private final EventSink sink;
  private final Clock clock;
  private final RelaySettings settings;
  private final Tracing tracing;
  private final Semaphore wakeUp = new Semaphore(0);
  private final AtomicBoolean running = new AtomicBoolean();
  private final Thread thread;
  private final Counter published;
  private final Counter failed;
  private final io.micrometer.core.instrument.Timer latency;
  private volatile List<RelayLease> leases = List.of();

  /** Between sending a batch and recording it as published: what a graceful close waits out. */
  private volatile boolean publishing;

  private Instant leasesRenewedAt = Instant.EPOCH;
  private int failuresInARow;

  Relay(
      OutboxStore store,
      EventSink sink,
      Clock clock,
      RelaySettings settings,
      MeterRegistry meters) {
    this(store, sink, clock, settings, meters, Tracing.OFF);
  }

  /**
   * @param tracing makes a publication span per event, continuing the event's trace
   */
  Relay(
      OutboxStore store,
      EventSink sink,
      Clock clock,
      RelaySettings settings,
      MeterRegistry meters,
      Tracing tracing) {
    this.store = store;
    this.tracing = tracing;
    this.sink = sink;
    this.clock = clock;
    this.settings = settings;
    this.thread = new Thread(this::loop, "radflow-relay");
    this.thread.setDaemon(true);
    this.published =
        Counter.builder("radflow.outbox.published")
            .description("events published by this relay")
            .register(meters);
    this.failed =
        Counter.builder("radflow.outbox.failures")
            .description("failed attempts to publish an event")
            .register(meters);
    this.latency =
        io.micrometer.core.instrument.Timer.builder("radflow.outbox.publish.latency")
            .description("from an event's commit to its publication being recorded")
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .register(meters);
  }

  void start() {
    if (running.compareAndSet(false, true)) {
      thread.start();
    }
  }

  /** Something was committed: look at the outbox now rather than at the next poll. */
  public void wake() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  private void loop() {
    while (running.get()) {
      try {
        int done = runOnce();
        if (done == 0) {
          wakeUp.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("relay round failed; trying again: {}", e.toString());
        sleep(backoff());
      }
    }
  }

  /**
   * One round: renew leases when due, publish one batch. Returns how many events were published.
   * Package-visible so tests can drive a relay step by step.
   */
  int runOnce() throws InterruptedException {
    Instant now = clock.instant();
    if (leases.isEmpty() || now.isAfter(leasesRenewedAt.plus(settings.lease().dividedBy(3)))) {
      leases = store.leasePartitions(settings.owner(), now, settings.lease());
      leasesRenewedAt = now;
    }
    if (leases.isEmpty()) {
      return 0;
    }
    List<Integer> partitions = leases.stream().map(RelayLease::partition).toList();
    List<OutboxEvent> events = store.pending(partitions, settings.batch());
    if (events.isEmpty()) {
      return 0;
    }
    List<OutboxEvent> ok = new ArrayList<>();
    EventSink.Outcome firstFailure = null;
    publishing = true;
    try {
      List<EventSink.Outcome> outcomes = publish(events);
      for (EventSink.Outcome outcome : outcomes) {
        if (outcome.published()) {
          ok.add(outcome.event());
        } else if (!outcome.heldBack()) {
          firstFailure = firstFailure == null ? outcome : firstFailure;
          failed(outcome);
        }
      }
      if (!ok.isEmpty() && !store.markPublished(settings.owner(), leases, ok, clock.instant())) {
        log.info(
            "relay {} lost a slice while publishing; its new holder publishes", settings.owner());
        leases = List.of();
        return 0;
      }
    } finally {
      publishing = false;
    }
    published.increment(ok.size());
    Instant marked = clock.instant();
    for (OutboxEvent event : ok) {
      latency.record(Duration.between(event.createdAt(), marked));
    }
    if (firstFailure != null) {
      failuresInARow++;
      Duration wait = backoff();
      log.warn(
          "publishing failed ({}); {} events wait, next try in {} ms",
          firstFailure.error(),
          events.size() - ok.size(),
          wait.toMillis());
      sleep(wait);
    } else {
      failuresInARow = 0;
    }
    return ok.size();
  }

  /**
   * Publishes within a span per event, a child of the span the event was committed in; the event
   * goes out carrying its publication span's traceparent, so a consumer continues from there.
   */
  private List<EventSink.Outcome> publish(List<OutboxEvent> events) {
    if (!tracing.enabled()) {
      return sink.publish(events, false);
    }
    Map<UUID, TraceSpan> spans = new HashMap<>();
    List<OutboxEvent> traced = new ArrayList<>(events.size());
    for (OutboxEvent event : events) {
      TraceSpan span =
          tracing
              .open("radflow.relay.publish", event.traceParent())
              .tag("radflow.event.type", event.eventType())
              .tag("radflow.study.id", event.studyId().toString())
              .tag("radflow.event.id", event.eventId().toString());
      spans.put(event.eventId(), span);
      traced.add(event.publishedIn(span.traceparent()));
    }
    List<EventSink.Outcome> outcomes = List.of();
    try {
      outcomes = sink.publish(traced, false);
      for (EventSink.Outcome outcome : outcomes) {
        TraceSpan span = spans.get(outcome.event().eventId());
        span.tag("radflow.outcome", outcome.published() ? "published" : "failed");
        if (!outcome.published() && outcome.error() != null) {
          span.tag("radflow.error", outcome.error());
        }
      }
      return outcomes;
    } finally {
      spans.values().forEach(TraceSpan::close);
    }
  }

  private void failed(EventSink.Outcome outcome) {
    failed.increment();
    int attempts = store.attempts(outcome.event()) + 1;
    boolean park = !outcome.retriable() && attempts >= settings.maxAttempts();
    store.recordFailure(outcome.event(), outcome.error(), park, clock.instant());
    if (park) {
      try (LogFields.Scope fields = LogFields.open().study(outcome.event().studyId())) {
        log.error(
            "event {} of study {} parked after {} attempts: {}; the study's later events wait",
            outcome.event().eventId(),
            outcome.event().studyId(),
            attempts,
            outcome.error());
      }
    }
  }

  /** Exponential with full jitter, from 100 ms up to 10 s. */
  private Duration backoff() {
    long ceiling = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(failuresInARow, 10));
    return Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(ceiling));
  }

  private void sleep(Duration duration) {
    try {
      wakeUp.tryAcquire(0, TimeUnit.MILLISECONDS);
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  /** The slices this relay holds now. */
  public List<Integer> partitions() {
    return leases.stream().map(RelayLease::partition).toList();
  }

  /**
   * Stops dead, as a killed process would: no slices given back, so they pass to other relays only
   * when their leases expire. For tests of takeover.
   */
  void crash() {
    stopLoop();
    sink.close();
  }

  private void stopLoop() {
    running.set(false);
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    // A batch being published finishes and is recorded as published, so that no event this relay
    // sent goes out again from the slice's next holder; a relay waiting or backing off stops at
    // once, and a batch stuck past the bound is cut off.
    running.set(false);
    wake();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      while (thread.isAlive() && System.nanoTime() < deadline) {
        if (!publishing) {
          thread.interrupt();
        }
        thread.join(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopLoop();
    try {
      store.releasePartitions(settings.owner());
    } catch (RuntimeException e) {
      log.warn("could not give back relay slices: {}", e.toString());
    }
    sink.close();
  }
}
