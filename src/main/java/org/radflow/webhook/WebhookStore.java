package org.radflow.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.radflow.events.OutboxEvent;

/**
 * Webhook subscriptions and the deliveries of events to them. A delivery row is written per event
 * per matching active subscription, by the relay, in the transaction that marks the event published
 * ({@link #deliverNow}); so a subscriber never hears of an uncommitted change and never misses a
 * committed one. Deliveries are sent strictly in order per subscription: a later one is never
 * handed out while an earlier one of the same subscription is pending, except behind it in the same
 * {@link DeliveryRun}.
 *
 * <p>Secrets are stored as given: sealed by {@link WebhookSecrets} (signing needs the secret
 * itself, not a hash of it, so it is encrypted instead), or plain for a subscription made before
 * V10 until {@link #sealSecret} replaces it. The store never sees a key. No read method returns a
 * stored secret except {@link #nextRuns}, which hands it to the dispatcher that signs with it, and
 * {@link #plainSecrets}, for sealing.
 *
 * <p>{@code WebhookStoreContractTest} checks every clause below against both databases.
 */
public interface WebhookStore {

  /**
   * Creates an active subscription and audits it, unless {@code maxActive} subscriptions are active
   * already: then {@link Subscribing.LimitReached}, and only the refusal is audited. {@code
   * eventTypes} containing {@code *} means every event; otherwise the named types (kept sorted,
   * without duplicates). Not idempotent: the same URL twice is two subscriptions, each receiving
   * every matching event.
   *
   * <p>Concurrent subscribers are counted one after the other (SQLite writes one at a time;
   * PostgreSQL locks the active rows before counting), so the limit holds under races — except
   * while no subscription at all is active, when there is no row to lock.
   *
   * @return {@link Subscribing.Subscribed} or {@link Subscribing.LimitReached}
   */
  Subscribing subscribe(
      String url,
      StoredSecret secret,
      String secretHint,
      List<String> eventTypes,
      String actor,
      Instant now,
      int maxActive);

  /** A secret still stored plain, to be sealed; {@link #toString()} leaves the secret out. */
  record PlainSecret(UUID subscriptionId, String secret) {
    @Override
    public String toString() {
      return "PlainSecret[subscription=" + subscriptionId + "]";
    }
  }

  /** Every subscription's secret that is still stored plain (made before V10). */
  List<PlainSecret> plainSecrets();

  /**
   * Replaces a plain secret by its sealed form, if the subscription's secret is still {@code
   * plain}: false, changing nothing, when it was sealed meanwhile (by another node starting at the
   * same time), so sealing is idempotent and safe to race.
   */
  boolean sealSecret(UUID subscriptionId, String plain, StoredSecret sealed);

  /** Every subscription, active or not, oldest first; secrets as hints only. */
  List<WebhookSubscription> subscriptions();

  Optional<WebhookSubscription> subscription(UUID id);

  /**
   * Deactivates a subscription and audits it: it matches no new event, and its pending deliveries
   * are CANCELLED in the same transaction, with the reason in their {@code lastError}, so nothing
   * works on them any more and they leave the pending count. A delivery being sent at that moment
   * is cancelled too; its outcome then finds it no longer pending and changes nothing. Deactivating
   * an inactive one cancels what may still be pending (left by an older version) and is otherwise
   * audited as a no-op. Empty when there is no such subscription.
   */
  Optional<WebhookSubscription> deactivate(UUID id, String actor, String reason, Instant now);

  /**
   * Writes, in its own transaction, one pending delivery due at {@code now} for every active
   * subscription whose types match {@code event} ({@code *}, or its type in the list); returns how
   * many. A subscription that already has the backlog limit of deliveries pending ({@code
   * WebhookFanOut.BACKLOG_LIMIT}, 1000) (its receiver has been failing for a long while) gets its
   * delivery DEAD instead, with the reason, in the dead-letter view where an operator can redeliver
   * it once the receiver is back. The relay calls this in the transaction that marks the event
   * published (within the store the same SQL is {@code JdbcWebhooks.insertDeliveries(Connection,
   * …)}). {@code replay} marks an event published again; its deliveries are sent with {@code
   * X-Radflow-Replay: true}. Each delivery keeps the event's traceparent (its publication span's,
   * as the relay publishes it), sent as header {@code traceparent}.
   */
  int deliverNow(OutboxEvent event, boolean replay, Instant now);

  /**
   * Claims runs of due deliveries for up to {@code subscriptions} active subscriptions, in one
   * transaction. A subscription's run is its oldest pending delivery (its head), only when that
   * one's next attempt is at or before {@code now}, followed by the pending deliveries right after
   * it, in order, as long as each is due too, up to {@code runLength} in all: a delivery that is
   * not due ends the run, so none after it is handed out before it. Every claimed delivery's
   * attempt count is incremented and its next attempt moved to {@code now + lease} ({@link
   * DeliveryRun#leasedUntil}), so no other dispatcher (on this node or another, PostgreSQL skipping
   * heads locked by a concurrent claim) takes any of them, nor anything later of their
   * subscription, until their outcomes are written, they are {@linkplain #release released}, or the
   * lease runs out (a dispatcher that died: the run is claimed again from its head).
   */
  List<DeliveryRun> nextRuns(int subscriptions, int runLength, Instant now, Duration lease);

  /**
   * Marks claimed deliveries delivered with their receiver's status, in one transaction. Each is
   * written only if it is still pending at its {@link Acknowledged#attempt}; one whose lease ran
   * out and was claimed again is left as it is, and the others are written all the same. Returns
   * how many were written.
   */
  int delivered(List<Acknowledged> acknowledged, Instant now);

  /** {@link #delivered(List, Instant)} for one delivery: whether it was written. */
  default boolean delivered(long id, int attempt, int httpStatus, Instant now) {
    return delivered(List.of(new Acknowledged(id, attempt, httpStatus)), now) == 1;
  }

  /**
   * Gives back, in one transaction, the lease of claimed deliveries that were not attempted (a run
   * stopped before them): each is due again at {@code now} with its attempt count as it was before
   * the claim, so the claim does not count against it. Fenced by each one's {@link
   * DueDelivery#attempt} like {@link #delivered(List, Instant)}; returns how many were released.
   * Order is kept by {@link #nextRuns}: a released delivery is handed out again only behind its
   * subscription's head.
   */
  int release(List<DueDelivery> unattempted, Instant now);

  /**
   * Records a failed attempt and makes the delivery due again at {@code nextAttemptAt}; it stays
   * its subscription's head, so nothing later is sent meanwhile. Fenced by {@code attempt} like
   * {@link #delivered}. {@code httpStatus} is null when the receiver never answered.
   */
  boolean failed(long id, int attempt, Integer httpStatus, String error, Instant nextAttemptAt);

  /**
   * Records a last failed attempt: the delivery is DEAD, in the dead-letter view, and its
   * subscription moves on to its next delivery. Fenced by {@code attempt} like {@link
   * #delivered(List, Instant)}.
   */
  boolean dead(long id, int attempt, Integer httpStatus, String error, Instant now);

  Optional<WebhookDelivery> delivery(long id);

  /** A subscription's dead deliveries, oldest first. */
  List<WebhookDelivery> deadLetters(UUID subscriptionId, int limit);

  /**
   * Makes a DEAD delivery pending again, due at {@code now}, with its attempts reset, and audits
   * it. Being its subscription's oldest pending delivery, it is sent before anything newer still
   * pending. Refused (and audited) unless the delivery is DEAD and its subscription active.
   */
  Redelivery redeliver(long deliveryId, String actor, String reason, Instant now);

  /** How many deliveries are in each status, for gauges. */
  Map<WebhookDelivery.Status, Long> deliveryCounts();
}
