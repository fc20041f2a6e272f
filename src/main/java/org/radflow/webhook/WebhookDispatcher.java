package org.radflow.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.radflow.logging.LogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends webhook deliveries in runs: one loop claims what is due ({@link WebhookStore#nextRuns}:
 * each subscription's oldest pending delivery and the due ones right after it, up to {@link
 * DeliveryPolicy#RUN_LENGTH}) for as many subscriptions as there are free senders, and a bounded
 * pool sends each run, outside any transaction, one POST per delivery in order, each only after the
 * one before it was acknowledged. Order per subscription holds because the store never hands out a
 * subscription's later deliveries except behind its head in the same run; across subscriptions
 * there is no order. A finished run wakes the loop, which claims the next one at once.
 *
 * <p>A run stops at the first delivery that is not acknowledged with a 2xx: that one is retried or
 * dead as its attempt decides, and the rest of the run, not attempted, is {@linkplain
 * WebhookStore#release released} without counting an attempt; its head (the failed one, or the
 * subscription's next after a dead one) goes first again. A run also stops when the claim's lease
 * has too little left for another request and the writing of its outcomes, and when the dispatcher
 * closes. The acknowledged deliveries are marked delivered together, in one transaction, each under
 * its claim's attempt number.
 *
 * <p>Delivery is at least once: a node that dies after the receiver answered but before the
 * outcomes were committed sends the run again from its head when the claim's lease runs out.
 * Receivers deduplicate on {@code X-Radflow-Event-Id} (the same for every attempt and every replay
 * of an event).
 *
 * <p>Each request carries the event JSON as its body and the headers {@code X-Radflow-Event-Id},
 * {@code X-Radflow-Event-Type}, {@code X-Radflow-Study}, {@code X-Radflow-Delivery} (this
 * delivery's id, for the dead-letter API), {@code X-Radflow-Replay: true} for a replayed event, and
 * {@link Signature#HEADER}. The retry and dead-letter policy is {@link DeliveryPolicy}'s.
 *
 * <p>Before every attempt the URL is checked again by {@link WebhookTargets} and the request goes
 * to exactly the address checked ({@link WebhookSender}). A URL refused now — an address that has
 * become private, a setting withdrawn — makes the delivery DEAD at once with the reason ("target
 * refused: …"): retrying would only wait for an operator anyway, and the dead-letter view is where
 * an operator looks; redelivering checks again.
 */
public final class WebhookDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final Duration GAUGE_REFRESH = Duration.ofSeconds(5);
  private static final int ERROR_LIMIT = 500;

  private final WebhookStore store;
  private final Clock clock;
  private final DeliveryPolicy policy;
  private final WebhookSender sender;
  private final WebhookSecrets secrets;
  private final RandomGenerator random;
  private final ExecutorService senders;
  private final Semaphore free;
  private final Thread loop;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Object wakeUp = new Object();
  private boolean woken; // guarded by wakeUp
  private final Map<String, Counter> outcomes;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private Instant gaugesRefreshedAt = Instant.MIN;

  /**
   * @param targets checks each delivery's URL again right before it is sent (the name may point
   *     elsewhere by now) and gives the address to connect to
   * @param secrets opens each subscription's stored secret to sign with
   */
  public WebhookDispatcher(
      WebhookStore store,
      Clock clock,
      DeliveryPolicy policy,
      MeterRegistry meters,
      WebhookTargets targets,
      WebhookSecrets secrets) {
    this(store, clock, policy, meters, targets, secrets, ThreadLocalRandom.current());
  }

  WebhookDispatcher(
      WebhookStore store,
      Clock clock,
      DeliveryPolicy policy,
      MeterRegistry meters,
      WebhookTargets targets,
      WebhookSecrets secrets,
      RandomGenerator random) {
    this.store = store;
    this.clock = clock;
    this.policy = policy;
    this.secrets = secrets;
    this.sender = new WebhookSender(targets, policy.timeout(), policy.concurrency());
    this.random = random;
    this.free = new Semaphore(policy.concurrency());
    AtomicInteger threads = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            policy.concurrency(),
            r -> {
              Thread t = new Thread(r, "radflow-webhook-sender-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.loop = new Thread(this::dispatch, "radflow-webhook-dispatcher");
    this.loop.setDaemon(true);
    this.outcomes =
        Map.of(
            "delivered", outcome(meters, "delivered", "acknowledged with a 2xx"),
            "retry", outcome(meters, "retry", "failed attempts to be retried"),
            "dead", outcome(meters, "dead", "last attempts failed: now dead letters"),
            "refused",
                outcome(meters, "refused", "targets refused by the address policy: dead letters"),
            "lease_lost", outcome(meters, "lease_lost", "outcomes after the claim was taken over"));
    Gauge.builder("radflow.webhook.pending", pending, AtomicLong::get)
        .description("webhook deliveries waiting to be sent")
        .register(meters);
    Gauge.builder("radflow.webhook.dead", dead, AtomicLong::get)
        .description("webhook deliveries given up on, waiting for an operator")
        .register(meters);
  }

  private static Counter outcome(MeterRegistry meters, String outcome, String description) {
    return Counter.builder("radflow.webhook.deliveries")
        .tag("outcome", outcome)
        .description("webhook delivery attempts by outcome: " + description)
        .register(meters);
  }

  public void start() {
    if (running.compareAndSet(false, true)) {
      loop.start();
    }
  }

  private void dispatch() {
    while (running.get()) {
      int held = 0;
      try {
        free.acquire();
        held = 1 + free.drainPermits();
        List<DeliveryRun> runs =
            store.nextRuns(held, DeliveryPolicy.RUN_LENGTH, clock.instant(), policy.lease());
        free.release(held - runs.size());
        held = 0;
        for (DeliveryRun run : runs) {
          senders.execute(() -> sendAndRelease(run));
        }
        refreshGauges();
        if (runs.isEmpty()) {
          awaitWakeUp();
        }
      } catch (InterruptedException e) {
        free.release(held);
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        free.release(held);
        log.warn("claiming webhook deliveries failed; trying again shortly: {}", e.toString());
        try {
          awaitWakeUp();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Waits for a poll interval, or less if a sender finished (its subscription may have more). */
  private void awaitWakeUp() throws InterruptedException {
    synchronized (wakeUp) {
      if (!woken) {
        wakeUp.wait(policy.poll().toMillis());
      }
      woken = false;
    }
  }

  private void wake() {
    synchronized (wakeUp) {
      woken = true;
      wakeUp.notifyAll();
    }
  }

  private void sendAndRelease(DeliveryRun run) {
    try {
      send(run);
    } catch (RuntimeException e) {
      // outcomes could not be recorded; the lease runs out and the run is sent again from its head
      log.warn(
          "recording the run of {} webhook deliveries from {} failed: {}",
          run.deliveries().size(),
          run.deliveries().get(0),
          e.toString());
    } finally {
      free.release();
      wake();
    }
  }

  /** What one attempt came to, before it is recorded. */
  private sealed interface Attempt {

    record Delivered(int status) implements Attempt {}

    /** Not acknowledged: retried, or dead after the last attempt. */
    record Failed(Integer status, String error) implements Attempt {}

    /** Not sent: the target is not allowed now. */
    record Refused(String reason) implements Attempt {}
  }

  private void send(DeliveryRun run) {
    List<DueDelivery> deliveries = run.deliveries();
    List<Acknowledged> acknowledged = new ArrayList<>();
    DueDelivery unacknowledged = null;
    Attempt failure = null;
    int attempted = 0;
    while (attempted < deliveries.size() && (attempted == 0 || mayGoOn(run))) {
      DueDelivery delivery = deliveries.get(attempted++);
      Attempt attempt = attempt(delivery);
      if (attempt instanceof Attempt.Delivered ok) {
        acknowledged.add(new Acknowledged(delivery.id(), delivery.attempt(), ok.status()));
      } else {
        unacknowledged = delivery;
        failure = attempt;
        break;
      }
    }
    int written = store.delivered(acknowledged, now());
    outcomes.get("delivered").increment(written);
    outcomes.get("lease_lost").increment(acknowledged.size() - written);
    if (unacknowledged != null) {
      recordFailure(unacknowledged, failure);
    }
    store.release(deliveries.subList(attempted, deliveries.size()), now());
  }

  /**
   * Whether the run may send another delivery: the dispatcher is running and the lease outlasts one
   * more request's timeout with another to spare for writing the outcomes.
   */
  private boolean mayGoOn(DeliveryRun run) {
    return running.get()
        && now().plus(policy.timeout().multipliedBy(2)).isBefore(run.leasedUntil());
  }

  private Attempt attempt(DueDelivery delivery) {
    String secret;
    try {
      secret = secrets.open(delivery.secret());
    } catch (IllegalStateException e) {
      return new Attempt.Failed(null, e.getMessage()); // a key missing on this node: it may return
    }
    WebhookSender.Outcome outcome = sender.send(delivery, secret, now());
    if (outcome instanceof WebhookSender.Outcome.Answered answered) {
      int status = answered.status();
      return status / 100 == 2
          ? new Attempt.Delivered(status)
          : new Attempt.Failed(status, "receiver answered HTTP " + status);
    } else if (outcome instanceof WebhookSender.Outcome.Failed failed) {
      return new Attempt.Failed(null, failed.error());
    }
    return new Attempt.Refused(((WebhookSender.Outcome.Refused) outcome).reason());
  }

  private void recordFailure(DueDelivery delivery, Attempt attempt) {
    try (LogFields.Scope fields = LogFields.open().study(delivery.studyId())) {
      recordFailureOf(delivery, attempt);
    }
  }

  private void recordFailureOf(DueDelivery delivery, Attempt attempt) {
    if (attempt instanceof Attempt.Refused refused) {
      // Permanent until an operator changes the settings or the DNS: retrying would only wait.
      String error = trimmed("target refused: " + refused.reason());
      log.warn("webhook delivery {} is dead: {}", delivery, error);
      record("refused", store.dead(delivery.id(), delivery.attempt(), null, error, now()));
    } else if (attempt instanceof Attempt.Failed failed) {
      failed(delivery, failed.status(), failed.error());
    }
  }

  private void failed(DueDelivery delivery, Integer status, String error) {
    String trimmed = trimmed(error);
    if (delivery.attempt() >= policy.maxAttempts()) {
      log.warn(
          "webhook delivery {} is dead after {} attempts: {}",
          delivery,
          delivery.attempt(),
          trimmed);
      record("dead", store.dead(delivery.id(), delivery.attempt(), status, trimmed, now()));
    } else {
      Instant next = now().plus(policy.backoff(delivery.attempt(), random));
      record("retry", store.failed(delivery.id(), delivery.attempt(), status, trimmed, next));
    }
  }

  private void record(String outcome, boolean written) {
    outcomes.get(written ? outcome : "lease_lost").increment();
  }

  private static String trimmed(String error) {
    return error.length() > ERROR_LIMIT ? error.substring(0, ERROR_LIMIT) : error;
  }

  private void refreshGauges() {
    Instant now = now();
    if (now.isBefore(gaugesRefreshedAt.plus(GAUGE_REFRESH))) {
      return;
    }
    gaugesRefreshedAt = now;
    Map<WebhookDelivery.Status, Long> counts = store.deliveryCounts();
    pending.set(counts.get(WebhookDelivery.Status.PENDING));
    dead.set(counts.get(WebhookDelivery.Status.DEAD));
  }

  private Instant now() {
    return clock.instant();
  }

  /** Stops claiming, lets running requests finish (up to their timeout), then stops. */
  @Override
  public void close() {
    running.set(false);
    loop.interrupt();
    senders.shutdown();
    try {
      if (!senders.awaitTermination(policy.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
        senders.shutdownNow();
      }
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      sender.close();
    } catch (IOException e) {
      log.warn("closing the webhook sender failed: {}", e.toString());
    }
  }
}
