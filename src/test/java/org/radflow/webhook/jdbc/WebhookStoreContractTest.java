package org.radflow.webhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.radflow.lifecycle.jdbc.Commands.T0;
import static org.radflow.lifecycle.jdbc.Commands.at;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.radflow.audit.OperatorAction;
import org.radflow.db.StoreOnFreshDatabase;
import org.radflow.events.OutboxEvent;
import org.radflow.study.StudyId;
import org.radflow.webhook.DueDelivery;
import org.radflow.webhook.Redelivery;
import org.radflow.webhook.StoredSecret;
import org.radflow.webhook.Subscribing;
import org.radflow.webhook.WebhookDelivery;
import org.radflow.webhook.WebhookStore;
import org.radflow.webhook.WebhookSubscription;

/**
 * The clauses of {@link WebhookStore}'s Javadoc, a case each, run against every database by a short
 * subclass. Events are made up here: delivery rows do not need a study, and the relay that normally
 * calls {@link WebhookStore#deliverNow} is not part of this store.
 */
abstract class WebhookStoreContractTest extends StoreOnFreshDatabase {

  static final Duration LEASE = Duration.ofMinutes(1);
  static final String SECRET = "a-secret-of-at-least-16-chars-WXYZ";

  /** The store keeps what it is given; what sealing is, is {@code WebhookSecretsTest}'s. */
  static final StoredSecret STORED = new StoredSecret("c2VhbGVkIGJ5IFdlYmhvb2tTZWNyZXRz", true);

  static final String HINT = WebhookSubscription.hint(SECRET);
  static final int MAX_ACTIVE = 100;

  private final StudyId study = StudyId.random();
  private long seq;

  // ---- subscriptions -------------------------------------------------------------------------

  @Test
  void subscribeCreatesAnActiveSubscriptionShowsOnlyAHintOfTheSecretAndIsAudited() {
    WebhookSubscription created =
        subscribed(
            stores
                .webhooks()
                .subscribe(
                    "https://example.org/hook",
                    STORED,
                    HINT,
                    List.of("study.transition.applied", "study.created", "study.created"),
                    "j.smith",
                    T0,
                    MAX_ACTIVE));

    assertThat(created.active()).isTrue();
    assertThat(created.url()).isEqualTo("https://example.org/hook");
    assertThat(created.eventTypes()).containsExactly("study.created", "study.transition.applied");
    assertThat(created.secretHint()).isEqualTo("…WXYZ");
    assertThat(created.toString()).doesNotContain(SECRET, STORED.value());
    assertThat(created.createdAt()).isEqualTo(T0);
    assertThat(created.createdBy()).isEqualTo("j.smith");
    assertThat(stores.webhooks().subscriptions()).containsExactly(created);
    assertThat(stores.webhooks().subscription(created.id())).contains(created);
    assertThat(stores.audit().actions(null, 10))
        .extracting(OperatorAction::actor, OperatorAction::action, OperatorAction::target)
        .containsExactly(tuple("j.smith", "SUBSCRIBE_WEBHOOK", "webhook " + created.id()));
  }

  @Test
  void aStarAmongTheTypesMeansEveryEventAndNoTypesAreRefused() {
    assertThat(subscribe("study.created", "*").eventTypes()).containsExactly("*");
    assertThatThrownBy(
            () ->
                stores
                    .webhooks()
                    .subscribe("https://x.org", STORED, HINT, List.of(), "a", T0, MAX_ACTIVE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventTypes");
  }

  @Test
  void deactivateStopsMatchingCancelsPendingDeliveriesWithTheReasonAndIsAudited() {
    WebhookSubscription sub = subscribe("*");
    long delivered = deliver("study.created").get(0);
    long inFlight = deliver("study.transition.applied").get(0);
    long waiting = deliver("study.transition.applied").get(0);
    nextDue(10, T0, LEASE);
    stores.webhooks().delivered(delivered, 1, 200, T0);
    assertThat(nextDue(10, T0, LEASE)).extracting(DueDelivery::id).containsExactly(inFlight);

    WebhookSubscription inactive =
        stores.webhooks().deactivate(sub.id(), "j.smith", "receiver retired", at(1)).orElseThrow();

    assertThat(inactive.active()).isFalse();
    assertThat(stores.webhooks().deliverNow(event("study.created"), false, at(2))).isZero();
    assertThat(nextDue(10, at(3).plus(LEASE), LEASE)).isEmpty();
    for (long cancelled : List.of(inFlight, waiting)) {
      WebhookDelivery d = stores.webhooks().delivery(cancelled).orElseThrow();
      assertThat(d.status()).isEqualTo(WebhookDelivery.Status.CANCELLED);
      assertThat(d.lastError())
          .isEqualTo("cancelled: subscription deactivated by j.smith: receiver retired");
    }
    assertThat(stores.webhooks().delivered(inFlight, 1, 200, at(2)))
        .as("the in-flight attempt's outcome comes too late")
        .isFalse();
    assertThat(stores.webhooks().delivery(delivered).orElseThrow().status())
        .isEqualTo(WebhookDelivery.Status.DELIVERED);
    assertThat(stores.webhooks().deliveryCounts())
        .containsEntry(WebhookDelivery.Status.PENDING, 0L)
        .containsEntry(WebhookDelivery.Status.CANCELLED, 2L);
    assertThat(stores.webhooks().redeliver(waiting, "j.smith", "why not", at(3)))
        .isEqualTo(new Redelivery.Refused("the delivery is CANCELLED, not DEAD"));
    assertThat(stores.webhooks().deactivate(sub.id(), "j.smith", "again", at(4)))
        .contains(inactive);
    assertThat(stores.webhooks().deactivate(UUID.randomUUID(), "j.smith", "no such", at(4)))
        .isEmpty();
    assertThat(stores.audit().actions(null, 10))
        .filteredOn(a -> a.action().equals("DEACTIVATE_WEBHOOK"))
        .extracting(OperatorAction::action, OperatorAction::reason, OperatorAction::outcome)
        .containsExactly(
            tuple("DEACTIVATE_WEBHOOK", "again", "already inactive"),
            tuple(
                "DEACTIVATE_WEBHOOK",
                "receiver retired",
                "deactivated; 2 pending deliveries cancelled"));
  }

  @Test
  void subscribeIsRefusedAndAuditedOnceMaxActiveSubscriptionsAreActiveInactiveOnesNotCounted() {
    WebhookSubscription first = subscribe("*");
    subscribe("*");

    Subscribing refused =
        stores
            .webhooks()
            .subscribe("https://third.example/", STORED, HINT, List.of("*"), "ops", T0, 2);

    assertThat(refused).isEqualTo(new Subscribing.LimitReached(2));
    assertThat(stores.webhooks().subscriptions()).hasSize(2);
    assertThat(stores.audit().actions(null, 1))
        .extracting(OperatorAction::action, OperatorAction::target, OperatorAction::outcome)
        .containsExactly(
            tuple(
                "SUBSCRIBE_WEBHOOK",
                "webhook https://third.example/",
                "refused: 2 subscriptions are active, the most allowed"));
    stores.webhooks().deactivate(first.id(), "ops", "make room", at(1));
    assertThat(
            stores
                .webhooks()
                .subscribe("https://third.example/", STORED, HINT, List.of("*"), "ops", T0, 2))
        .isInstanceOf(Subscribing.Subscribed.class);
  }

  @Test
  void concurrentSubscribersNeverExceedMaxActive() throws Exception {
    subscribe("*"); // with none active there is no row to lock: see the contract
    int limit = 5;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Subscribing>> subscribers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String url = "https://racer.example/" + i;
        subscribers.add(
            () -> stores.webhooks().subscribe(url, STORED, HINT, List.of("*"), "ops", T0, limit));
      }
      for (Future<Subscribing> done : pool.invokeAll(subscribers)) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(stores.webhooks().subscriptions()).hasSize(limit);
  }

  @Test
  void plainSecretsAreListedAndSealedOnceWhileTheSealedOnesAreLeftAlone() {
    WebhookSubscription legacy = subscribeWith(new StoredSecret(SECRET, false));
    subscribeWith(STORED);

    assertThat(stores.webhooks().plainSecrets())
        .containsExactly(new WebhookStore.PlainSecret(legacy.id(), SECRET));
    assertThat(stores.webhooks().plainSecrets().toString()).doesNotContain(SECRET);
    StoredSecret sealed = new StoredSecret("c2VhbGVkIGxhdGVy", true);
    assertThat(stores.webhooks().sealSecret(legacy.id(), "not its secret", sealed)).isFalse();
    assertThat(stores.webhooks().sealSecret(legacy.id(), SECRET, sealed)).isTrue();
    assertThat(stores.webhooks().sealSecret(legacy.id(), SECRET, STORED))
        .as("sealed already: a racing node changes nothing")
        .isFalse();

    assertThat(stores.webhooks().plainSecrets()).isEmpty();
    deliver("study.created");
    assertThat(nextDue(10, T0, LEASE))
        .filteredOn(d -> d.subscriptionId().equals(legacy.id()))
        .extracting(DueDelivery::secret)
        .containsExactly(sealed);
    assertThat(stores.webhooks().subscription(legacy.id()).orElseThrow().secretHint())
        .isEqualTo("…WXYZ");
  }

  // ---- deliverNow ----------------------------------------------------------------------------

  @Test
  void deliverNowWritesOnePendingDeliveryPerMatchingActiveSubscription() {
    WebhookSubscription all = subscribe("*");
    WebhookSubscription listed = subscribe("study.created", "study.transition.applied");
    WebhookSubscription other = subscribe("study.hold.expired");
    WebhookSubscription inactive = subscribe("*");
    stores.webhooks().deactivate(inactive.id(), "a", "off", T0);
    OutboxEvent event = event("study.transition.applied");

    assertThat(stores.webhooks().deliverNow(event, true, at(1))).isEqualTo(2);

    List<DueDelivery> due = nextDue(10, at(1), LEASE);
    assertThat(due)
        .extracting(DueDelivery::subscriptionId)
        .containsExactlyInAnyOrder(all.id(), listed.id());
    DueDelivery one = due.get(0);
    assertThat(one.eventId()).isEqualTo(event.eventId());
    assertThat(one.studyId()).isEqualTo(study);
    assertThat(one.studySeq()).isEqualTo(event.studySeq());
    assertThat(one.eventType()).isEqualTo("study.transition.applied");
    assertThat(one.payload()).isEqualTo(event.payload());
    assertThat(one.replay()).isTrue();
    assertThat(one.secret()).isEqualTo(STORED);
    assertThat(one.toString()).doesNotContain(STORED.value());
    assertThat(other.id()).isNotIn(due.stream().map(DueDelivery::subscriptionId).toList());
  }

  @Test
  void aDeliveryKeepsTheTraceparentOfTheEventAsPublishedAndNoneWithoutOne() {
    // one subscription per event: a subscription's deliveries are due one at a time
    subscribe("study.created");
    subscribe("study.transition.applied");
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    OutboxEvent traced = event("study.created").publishedIn(traceparent);
    OutboxEvent untraced = event("study.transition.applied");

    stores.webhooks().deliverNow(traced, false, at(1));
    stores.webhooks().deliverNow(untraced, false, at(1));

    assertThat(nextDue(10, at(1), LEASE))
        .extracting(DueDelivery::eventId, DueDelivery::traceParent)
        .containsExactly(tuple(traced.eventId(), traceparent), tuple(untraced.eventId(), null));
  }

  @Test
  void aListedTypeMatchesOnlyWholeTypesNeverAPrefixOrSuffix() {
    subscribe("study.transition.applied");

    assertThat(stores.webhooks().deliverNow(event("study.transition"), false, T0)).isZero();
    assertThat(stores.webhooks().deliverNow(event("study.transition.applied.late"), false, T0))
        .isZero();
    assertThat(stores.webhooks().deliverNow(event("study.transition.held"), false, T0)).isZero();
    assertThat(stores.webhooks().deliverNow(event("study.transition.applied"), false, T0)).isOne();
  }

  @Test
  void theRelaysInsertJoinsTheCallersTransactionAndRollsBackWithIt() {
    subscribe("*");
    WebhookFanOut fanOut = WebhookFanOut.on(stores.database());
    OutboxEvent event = event("study.created");

    assertThatThrownBy(
            () ->
                stores
                    .database()
                    .write(
                        "publish and fail",
                        c -> {
                          assertThat(fanOut.insertDeliveries(c, event, false, T0)).isOne();
                          throw new IllegalStateException("publishing failed");
                        }))
        .hasMessage("publishing failed");
    assertThat(stores.webhooks().deliveryCounts())
        .containsEntry(WebhookDelivery.Status.PENDING, 0L);

    stores.database().write("publish", c -> fanOut.insertDeliveries(c, event, false, T0));
    assertThat(stores.webhooks().deliveryCounts())
        .containsEntry(WebhookDelivery.Status.PENDING, 1L);
  }

  // ---- nextRuns, runs of one: strict order per subscription
  // ------------------------------------------------

  @Test
  void nextDueHandsOutOnlyEachSubscriptionsOldestPendingDelivery() {
    WebhookSubscription a = subscribe("*");
    List<Long> first = deliver("study.created");
    List<Long> second = deliver("study.transition.applied");
    List<Long> third = deliver("study.transition.applied");
    WebhookSubscription b = subscribe("*");
    long onlyOfB = deliver("study.hold.expired").get(1);

    List<DueDelivery> due = nextDue(10, at(1), LEASE);

    assertThat(due)
        .extracting(DueDelivery::subscriptionId, DueDelivery::id, DueDelivery::attempt)
        .containsExactlyInAnyOrder(tuple(a.id(), first.get(0), 1), tuple(b.id(), onlyOfB, 1));
    assertThat(nextDue(10, at(1), LEASE)).as("both heads are leased").isEmpty();

    assertThat(stores.webhooks().delivered(first.get(0), 1, 200, at(1))).isTrue();
    assertThat(nextDue(10, at(1), LEASE))
        .extracting(DueDelivery::id)
        .containsExactly(second.get(0));
    assertThat(stores.webhooks().delivered(second.get(0), 1, 204, at(1))).isTrue();
    assertThat(nextDue(10, at(1), LEASE)).extracting(DueDelivery::id).containsExactly(third.get(0));
    WebhookDelivery done = stores.webhooks().delivery(first.get(0)).orElseThrow();
    assertThat(done.status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
    assertThat(done.lastStatus()).isEqualTo(200);
    assertThat(done.deliveredAt()).isEqualTo(at(1));
    assertThat(done.attempts()).isOne();
  }

  @Test
  void nextDueTakesAtMostTheLimit() {
    for (int i = 0; i < 3; i++) {
      subscribe("*");
    }
    deliver("study.created");

    assertThat(nextDue(2, T0, LEASE)).hasSize(2);
    assertThat(nextDue(2, T0, LEASE)).hasSize(1);
    assertThat(nextDue(0, T0, LEASE)).isEmpty();
  }

  @Test
  void aHeadWaitingForItsRetryHoldsBackEveryLaterDeliveryOfItsSubscription() {
    subscribe("*");
    long head = deliver("study.created").get(0);
    long later = deliver("study.transition.applied").get(0);
    assertThat(nextDue(10, T0, LEASE)).extracting(DueDelivery::id).containsExactly(head);

    assertThat(stores.webhooks().failed(head, 1, 503, "receiver answered HTTP 503", at(5)))
        .isTrue();

    assertThat(nextDue(10, at(4), LEASE)).as("the later one is due but not next").isEmpty();
    WebhookDelivery waiting = stores.webhooks().delivery(head).orElseThrow();
    assertThat(waiting.status()).isEqualTo(WebhookDelivery.Status.PENDING);
    assertThat(waiting.lastStatus()).isEqualTo(503);
    assertThat(waiting.lastError()).isEqualTo("receiver answered HTTP 503");
    assertThat(waiting.nextAttemptAt()).isEqualTo(at(5));
    assertThat(nextDue(10, at(5), LEASE))
        .extracting(DueDelivery::id, DueDelivery::attempt)
        .containsExactly(tuple(head, 2));
    assertThat(stores.webhooks().delivery(later).orElseThrow().attempts()).isZero();
  }

  @Test
  void anExpiredLeaseMakesTheDeliveryDueAgainAndFencesTheStaleOutcome() {
    subscribe("*");
    long id = deliver("study.created").get(0);
    assertThat(nextDue(10, T0, LEASE)).extracting(DueDelivery::attempt).containsExactly(1);

    assertThat(nextDue(10, T0.plus(LEASE).minusMillis(1), LEASE)).isEmpty();
    assertThat(nextDue(10, T0.plus(LEASE), LEASE))
        .extracting(DueDelivery::attempt)
        .containsExactly(2);

    assertThat(stores.webhooks().delivered(id, 1, 200, at(2)))
        .as("the first claim's outcome")
        .isFalse();
    assertThat(stores.webhooks().failed(id, 1, 500, "late", at(3))).isFalse();
    assertThat(stores.webhooks().dead(id, 1, 500, "late", at(3))).isFalse();
    assertThat(stores.webhooks().delivery(id).orElseThrow().status())
        .isEqualTo(WebhookDelivery.Status.PENDING);
    assertThat(stores.webhooks().delivered(id, 2, 200, at(2))).isTrue();
    assertThat(stores.webhooks().delivered(id, 2, 200, at(2))).as("only once").isFalse();
  }

  @Test
  void concurrentClaimersNeverClaimOneDeliveryTwice() throws Exception {
    int subscriptions = 24;
    for (int i = 0; i < subscriptions; i++) {
      subscribe("*");
    }
    deliver("study.created");
    List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> claimers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        claimers.add(
            () -> {
              for (int round = 0; round < 10; round++) {
                nextDue(3, T0, LEASE).forEach(d -> claimed.add(d.id()));
              }
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(claimers)) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(claimed).hasSize(subscriptions).doesNotHaveDuplicates();
  }

  // ---- dead letters and redelivery ----------------------------------------------------------

  @Test
  void aDeadDeliveryIsInTheDeadLetterViewAndItsSubscriptionMovesOn() {
    WebhookSubscription sub = subscribe("*");
    long head = deliver("study.created").get(0);
    long next = deliver("study.transition.applied").get(0);
    nextDue(10, T0, LEASE);

    assertThat(stores.webhooks().dead(head, 1, null, "connect timed out", at(1))).isTrue();

    assertThat(stores.webhooks().deadLetters(sub.id(), 10))
        .extracting(
            WebhookDelivery::id,
            WebhookDelivery::status,
            WebhookDelivery::attempts,
            WebhookDelivery::lastStatus,
            WebhookDelivery::lastError)
        .containsExactly(tuple(head, WebhookDelivery.Status.DEAD, 1, null, "connect timed out"));
    assertThat(nextDue(10, at(1), LEASE)).extracting(DueDelivery::id).containsExactly(next);
    assertThat(stores.webhooks().deliveryCounts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                WebhookDelivery.Status.PENDING, 1L,
                WebhookDelivery.Status.DELIVERED, 0L,
                WebhookDelivery.Status.DEAD, 1L,
                WebhookDelivery.Status.CANCELLED, 0L));
  }

  @Test
  void redeliverMakesADeadDeliveryPendingDueNowWithFreshAttemptsAndIsAudited() {
    WebhookSubscription sub = subscribe("*");
    long dead = deliver("study.created").get(0);
    long later = deliver("study.transition.applied").get(0);
    nextDue(10, T0, LEASE);
    stores.webhooks().dead(dead, 1, 500, "receiver answered HTTP 500", at(1));

    Redelivery result = stores.webhooks().redeliver(dead, "j.smith", "receiver fixed", at(10));

    WebhookDelivery again = ((Redelivery.Redelivered) result).delivery();
    assertThat(again.status()).isEqualTo(WebhookDelivery.Status.PENDING);
    assertThat(again.attempts()).isZero();
    assertThat(again.nextAttemptAt()).isEqualTo(at(10));
    assertThat(stores.webhooks().deadLetters(sub.id(), 10)).isEmpty();
    assertThat(nextDue(10, at(10), LEASE))
        .as("the oldest pending one goes first again")
        .extracting(DueDelivery::id, DueDelivery::attempt)
        .containsExactly(tuple(dead, 1));
    assertThat(stores.webhooks().delivery(later).orElseThrow().attempts()).isZero();
    OperatorAction audited = stores.audit().actions(study, 1).get(0);
    assertThat(audited.action()).isEqualTo("REDELIVER_WEBHOOK");
    assertThat(audited.actor()).isEqualTo("j.smith");
    assertThat(audited.target()).isEqualTo("webhook delivery " + dead);
    assertThat(audited.reason()).isEqualTo("receiver fixed");
    assertThat(audited.outcome()).isEqualTo("pending again after 1 attempts");
  }

  @Test
  void redeliverIsRefusedAndAuditedUnlessTheDeliveryIsDeadAndItsSubscriptionActive() {
    WebhookSubscription sub = subscribe("*");
    long pending = deliver("study.created").get(0);

    assertThat(stores.webhooks().redeliver(pending, "j.smith", "why not", T0))
        .isEqualTo(new Redelivery.Refused("the delivery is PENDING, not DEAD"));
    nextDue(10, T0, LEASE);
    stores.webhooks().dead(pending, 1, 500, "HTTP 500", at(1));
    stores.webhooks().deactivate(sub.id(), "j.smith", "retired", at(2));
    assertThat(stores.webhooks().redeliver(pending, "j.smith", "try", at(3)))
        .isEqualTo(new Redelivery.Refused("its subscription is inactive"));
    assertThat(stores.webhooks().redeliver(999_999, "j.smith", "?", at(3)))
        .isEqualTo(new Redelivery.NotFound());

    assertThat(stores.webhooks().delivery(pending).orElseThrow().status())
        .isEqualTo(WebhookDelivery.Status.DEAD);
    assertThat(stores.audit().actions(study, 10))
        .extracting(OperatorAction::outcome)
        .containsExactly(
            "refused: its subscription is inactive", "refused: the delivery is PENDING, not DEAD");
  }

  // ---- backlog ---------------------------------------------------------------------------------

  @Test
  void aSubscriptionWithAFullBacklogGetsNewDeliveriesDeadWithTheReasonOthersPending() {
    JdbcWebhooks webhooks = new JdbcWebhooks(stores.database(), stores.audit(), 2);
    WebhookSubscription stuck = subscribe("*");
    WebhookSubscription other = subscribe("study.hold.expired");
    webhooks.deliverNow(event("study.created"), false, T0);
    webhooks.deliverNow(event("study.created"), false, T0);

    assertThat(webhooks.deliverNow(event("study.created"), false, T0)).isOne();
    assertThat(webhooks.deliverNow(event("study.hold.expired"), false, T0)).isEqualTo(2);

    assertThat(webhooks.deadLetters(stuck.id(), 10))
        .extracting(
            WebhookDelivery::eventType, WebhookDelivery::attempts, WebhookDelivery::lastError)
        .containsExactly(
            tuple(
                "study.created",
                0,
                "not queued: 2 deliveries of this subscription were pending already"),
            tuple(
                "study.hold.expired",
                0,
                "not queued: 2 deliveries of this subscription were pending already"));
    assertThat(webhooks.deadLetters(other.id(), 10)).isEmpty();
    assertThat(webhooks.deliveryCounts())
        .containsEntry(WebhookDelivery.Status.PENDING, 3L)
        .containsEntry(WebhookDelivery.Status.DEAD, 2L);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Claims heads only (runs of one); runs are {@code DeliveryRunContractTest}'s. */
  private List<DueDelivery> nextDue(int subscriptions, Instant now, Duration lease) {
    return stores.webhooks().nextRuns(subscriptions, 1, now, lease).stream()
        .flatMap(run -> run.deliveries().stream())
        .toList();
  }

  private WebhookSubscription subscribe(String... types) {
    return subscribed(
        stores
            .webhooks()
            .subscribe(
                "https://receiver.example/" + seq++,
                STORED,
                HINT,
                List.of(types),
                "ops",
                T0,
                MAX_ACTIVE));
  }

  private WebhookSubscription subscribeWith(StoredSecret secret) {
    return subscribed(
        stores
            .webhooks()
            .subscribe(
                "https://receiver.example/" + seq++,
                secret,
                HINT,
                List.of("*"),
                "ops",
                T0,
                MAX_ACTIVE));
  }

  private static WebhookSubscription subscribed(Subscribing result) {
    assertThat(result).isInstanceOf(Subscribing.Subscribed.class);
    return ((Subscribing.Subscribed) result).subscription();
  }

  private OutboxEvent event(String type) {
    long position = ++seq;
    return new OutboxEvent(
        position,
        UUID.randomUUID(),
        study,
        position,
        type,
        "{\"type\":\"" + type + "\",\"seq\":" + position + "}",
        T0,
        null);
  }

  /** Delivers one event of {@code type} at T0; returns the new delivery ids, oldest first. */
  private List<Long> deliver(String type) {
    long before = maxDeliveryId();
    stores.webhooks().deliverNow(event(type), false, T0);
    List<Long> ids = new ArrayList<>();
    for (long id = before + 1; stores.webhooks().delivery(id).isPresent(); id++) {
      ids.add(id);
    }
    return ids;
  }

  private long maxDeliveryId() {
    long id = 0;
    while (stores.webhooks().delivery(id + 1).isPresent()) {
      id++;
    }
    return id;
  }
}
