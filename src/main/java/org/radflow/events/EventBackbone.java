package org.radflow.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.radflow.audit.AuditTrail;
import org.radflow.audit.OperatorAction;
import org.radflow.study.StudyId;
import org.radflow.tracing.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's event backbone: its relay (woken by every commit), the retention of published events,
 * the lag gauges, and replay as an operator action.
 */
public final class EventBackbone implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventBackbone.class);

  /** At most this many events per replay request; replay a longer range in parts. */
  public static final int REPLAY_LIMIT = 10_000;

  private final OutboxStore store;
  private final OutboxOperations operations;
  private final AuditTrail audit;
  private final EventSink sink;
  private final Relay relay;
  private final Clock clock;
  private final Duration retention;
  private final int retentionBatch;
  private final ScheduledExecutorService chores;
  private final AtomicReference<OutboxStatus> lastStatus =
      new AtomicReference<>(new OutboxStatus(0, null, 0));

  /**
   * @param kafkaBootstrap Kafka's bootstrap servers, or {@code null} to publish to webhooks only
   * @param retention how long published events stay in the outbox (the history stays forever)
   * @param tracing makes the relay's publication spans; {@link Tracing#OFF} makes none
   */
  public EventBackbone(
      OutboxStore store,
      OutboxOperations operations,
      AuditTrail audit,
      String kafkaBootstrap,
      String topic,
      Clock clock,
      RelaySettings settings,
      Duration retention,
      int retentionBatch,
      MeterRegistry meters,
      Tracing tracing) {
    this.store = store;
    this.operations = operations;
    this.audit = audit;
    this.sink =
        kafkaBootstrap == null || kafkaBootstrap.isBlank()
            ? new NoBrokerSink()
            : new KafkaSink(kafkaBootstrap, topic, Duration.ofSeconds(15));
    this.relay = new Relay(store, sink, clock, settings, meters, tracing);
    this.clock = clock;
    this.retention = retention;
    this.retentionBatch = retentionBatch;
    this.chores =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "radflow-outbox-chores");
              t.setDaemon(true);
              return t;
            });
    Gauge.builder("radflow.outbox.backlog", () -> lastStatus.get().backlog())
        .description("events committed and not yet published")
        .register(meters);
    Gauge.builder("radflow.outbox.parked", () -> lastStatus.get().parked())
        .description("events the relay gave up on; their studies' later events wait")
        .register(meters);
    Gauge.builder("radflow.outbox.oldest.unpublished.seconds", this::oldestAgeSeconds)
        .description("age of the oldest event not yet published")
        .register(meters);
  }

  public void start() {
    store.onCommit(relay::wake);
    relay.start();
    chores.scheduleWithFixedDelay(this::refreshStatus, 0, 2, TimeUnit.SECONDS);
    chores.scheduleWithFixedDelay(this::retain, 1, 60, TimeUnit.SECONDS);
  }

  /** Whether events also go to Kafka, not only to webhook subscriptions. */
  public boolean kafka() {
    return sink.external();
  }

  public OutboxStatus status() {
    return operations.outboxStatus(clock.instant());
  }

  /** The slices of the study space this node's relay holds. */
  public List<Integer> partitions() {
    return relay.partitions();
  }

  /**
   * Publishes a study's events again, rebuilt from its history, marked as replays; audited.
   *
   * @return how many events were published
   */
  public int replayStudy(StudyId study, String actor, String reason) {
    return replay(operations.historyEvents(study), "study " + study, study, actor, reason);
  }

  /** Publishes again every event recorded in {@code [from, to)}, up to {@link #REPLAY_LIMIT}. */
  public int replayRange(Instant from, Instant to, String actor, String reason) {
    return replay(
        operations.historyEvents(from, to, REPLAY_LIMIT),
        "events " + from + " to " + to,
        null,
        actor,
        reason);
  }

  private int replay(
      List<OutboxEvent> events, String target, StudyId study, String actor, String reason) {
    Instant now = clock.instant();
    List<EventSink.Outcome> outcomes = sink.publish(events, true);
    long failures = outcomes.stream().filter(o -> !o.published()).count();
    List<OutboxEvent> published =
        outcomes.stream()
            .filter(EventSink.Outcome::published)
            .map(EventSink.Outcome::event)
            .toList();
    operations.enqueueReplays(published, now);
    String outcome =
        failures == 0
            ? "replayed " + published.size() + " events"
            : "replayed "
                + published.size()
                + " events; "
                + failures
                + " failed: "
                + outcomes.stream().filter(o -> !o.published()).findFirst().orElseThrow().error();
    audit.record(new OperatorAction(0, now, actor, "REPLAY", target, study, reason, outcome));
    if (failures > 0) {
      throw new ReplayFailed(outcome);
    }
    return published.size();
  }

  /** A replay that could not publish everything: the message says how far it got and why. */
  public static final class ReplayFailed extends RuntimeException {
    ReplayFailed(String message) {
      super(message);
    }
  }

  private void refreshStatus() {
    try {
      lastStatus.set(operations.outboxStatus(clock.instant()));
    } catch (RuntimeException e) {
      log.debug("outbox status not refreshed: {}", e.toString());
    }
  }

  private double oldestAgeSeconds() {
    Instant oldest = lastStatus.get().oldestUnpublished();
    return oldest == null
        ? 0
        : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
  }

  /** Deletes published events older than the retention, in bounded batches. */
  int retain() {
    int deleted = 0;
    try {
      Instant cutoff = clock.instant().minus(retention);
      for (int round = 0; round < 100; round++) {
        int batch = operations.deletePublished(cutoff, retentionBatch);
        deleted += batch;
        if (batch < retentionBatch) {
          break;
        }
      }
    } catch (RuntimeException e) {
      log.warn("outbox retention failed; trying again next run: {}", e.toString());
    }
    return deleted;
  }

  @Override
  public void close() {
    chores.shutdownNow();
    relay.close();
  }
}
