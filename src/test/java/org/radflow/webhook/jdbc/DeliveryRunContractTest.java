package org.radflow.webhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.radflow.lifecycle.jdbc.Commands.T0;
import static org.radflow.lifecycle.jdbc.Commands.at;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.radflow.db.StoreOnFreshDatabase;
import org.radflow.events.OutboxEvent;
import org.radflow.study.StudyId;
import org.radflow.webhook.Acknowledged;
import org.radflow.webhook.DeliveryRun;
import org.radflow.webhook.DueDelivery;
import org.radflow.webhook.StoredSecret;
import org.radflow.webhook.Subscribing;
import org.radflow.webhook.WebhookDelivery;
import org.radflow.webhook.WebhookStore;
import org.radflow.webhook.WebhookSubscription;

/**
 * The clauses of {@link WebhookStore#nextRuns}, {@link WebhookStore#delivered(List, Instant)} and
 * {@link WebhookStore#release}: claiming a subscription's deliveries in runs and settling them,
 * against every database by a short subclass. {@code WebhookStoreContractTest} covers the rest of
 * the store, with runs of one.
 */
abstract class DeliveryRunContractTest extends StoreOnFreshDatabase {

  static final Duration LEASE = Duration.ofMinutes(1);
  static final StoredSecret STORED = new StoredSecret("c2VhbGVkIGJ5IFdlYmhvb2tTZWNyZXRz", true);

  private final StudyId study = StudyId.random();
  private long seq;
  private long lastId;

  @Test
  void aRunIsTheHeadAndTheDueDeliveriesRightAfterItUpToTheRunLengthAllLeased() {
    WebhookSubscription a = subscribe();
    List<Long> ofA = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ofA.add(deliver(T0).get(0));
    }
    WebhookSubscription b = subscribe();
    List<Long> both = deliver(T0);

    List<DeliveryRun> runs = stores.webhooks().nextRuns(10, 3, T0, LEASE);

    assertThat(runs)
        .extracting(DeliveryRun::subscriptionId, DeliveryRun::leasedUntil)
        .containsExactlyInAnyOrder(tuple(a.id(), T0.plus(LEASE)), tuple(b.id(), T0.plus(LEASE)));
    assertThat(run(runs, a))
        .extracting(DueDelivery::id, DueDelivery::attempt)
        .containsExactly(tuple(ofA.get(0), 1), tuple(ofA.get(1), 1), tuple(ofA.get(2), 1));
    long ofB = run(runs, b).get(0).id();
    assertThat(run(runs, b)).singleElement().extracting(DueDelivery::id).isIn(both);
    assertThat(stores.webhooks().delivery(ofA.get(2)).orElseThrow().nextAttemptAt())
        .isEqualTo(T0.plus(LEASE));
    assertThat(stores.webhooks().nextRuns(10, 3, T0, LEASE))
        .as("leased heads hold back everything after them")
        .isEmpty();

    assertThat(stores.webhooks().delivered(acknowledged(run(runs, a)), T0)).isEqualTo(3);
    long lastOfA = both.get(0) == ofB ? both.get(1) : both.get(0);
    List<DeliveryRun> next = stores.webhooks().nextRuns(10, 3, T0, LEASE);
    assertThat(next).extracting(DeliveryRun::subscriptionId).containsExactly(a.id());
    assertThat(run(next, a))
        .extracting(DueDelivery::id)
        .containsExactly(ofA.get(3), ofA.get(4), lastOfA);
  }

  @Test
  void aDeliveryThatIsNotDueEndsTheRunAndNothingAfterItIsHandedOutBeforeIt() {
    WebhookSubscription sub = subscribe();
    long first = deliver(T0).get(0);
    long second = deliver(T0).get(0);
    long later = deliver(at(5)).get(0);
    long after = deliver(T0).get(0);

    List<DueDelivery> run = run(stores.webhooks().nextRuns(10, 64, T0, LEASE), sub);
    assertThat(run).extracting(DueDelivery::id).containsExactly(first, second);
    assertThat(stores.webhooks().delivered(acknowledged(run), T0)).isEqualTo(2);

    assertThat(stores.webhooks().nextRuns(10, 64, at(4), LEASE))
        .as("the head is not due yet, and the one after it waits behind it")
        .isEmpty();
    assertThat(run(stores.webhooks().nextRuns(10, 64, at(5), LEASE), sub))
        .extracting(DueDelivery::id)
        .containsExactly(later, after);
  }

  @Test
  void theLimitCountsSubscriptionsEachTakingItsWholeRun() {
    for (int i = 0; i < 3; i++) {
      subscribe();
    }
    deliver(T0);
    deliver(T0);

    List<DeliveryRun> two = stores.webhooks().nextRuns(2, 64, T0, LEASE);
    assertThat(two).hasSize(2).allSatisfy(run -> assertThat(run.deliveries()).hasSize(2));
    assertThat(stores.webhooks().nextRuns(2, 64, T0, LEASE)).hasSize(1);
    assertThat(stores.webhooks().nextRuns(0, 64, T0, LEASE)).isEmpty();
  }

  @Test
  void releaseGivesTheLeaseBackWithoutCountingTheAttemptAndTheFailedOneStillGoesFirst() {
    WebhookSubscription sub = subscribe();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(deliver(T0).get(0));
    }
    List<DueDelivery> run = run(stores.webhooks().nextRuns(10, 64, T0, LEASE), sub);

    assertThat(stores.webhooks().delivered(acknowledged(run.subList(0, 1)), T0)).isOne();
    assertThat(stores.webhooks().failed(ids.get(1), 1, 500, "receiver answered HTTP 500", at(5)))
        .isTrue();
    assertThat(stores.webhooks().release(run.subList(2, 4), T0)).isEqualTo(2);

    WebhookDelivery released = stores.webhooks().delivery(ids.get(2)).orElseThrow();
    assertThat(released.status()).isEqualTo(WebhookDelivery.Status.PENDING);
    assertThat(released.attempts()).isZero();
    assertThat(released.nextAttemptAt()).isEqualTo(T0);
    assertThat(stores.webhooks().nextRuns(10, 64, at(4), LEASE))
        .as("released, due, but behind a head waiting for its retry")
        .isEmpty();
    assertThat(run(stores.webhooks().nextRuns(10, 64, at(5), LEASE), sub))
        .extracting(DueDelivery::id, DueDelivery::attempt)
        .containsExactly(tuple(ids.get(1), 2), tuple(ids.get(2), 1), tuple(ids.get(3), 1));
  }

  @Test
  void afterADeadOneTheReleasedRestIsTheSubscriptionsNextRunAtOnce() {
    WebhookSubscription sub = subscribe();
    long poisoned = deliver(T0).get(0);
    long next = deliver(T0).get(0);
    List<DueDelivery> run = run(stores.webhooks().nextRuns(10, 64, T0, LEASE), sub);

    assertThat(stores.webhooks().dead(poisoned, 1, 400, "receiver answered HTTP 400", T0)).isTrue();
    assertThat(stores.webhooks().release(run.subList(1, 2), T0)).isOne();

    assertThat(run(stores.webhooks().nextRuns(10, 64, T0, LEASE), sub))
        .extracting(DueDelivery::id, DueDelivery::attempt)
        .containsExactly(tuple(next, 1));
  }

  @Test
  void anExpiredLeaseHandsTheWholeRunOutAgainAndFencesEachOfTheStaleClaimsWrites() {
    WebhookSubscription sub = subscribe();
    for (int i = 0; i < 3; i++) {
      deliver(T0);
    }
    List<DueDelivery> stale = run(stores.webhooks().nextRuns(10, 64, T0, LEASE), sub);
    List<DueDelivery> current = run(stores.webhooks().nextRuns(10, 64, T0.plus(LEASE), LEASE), sub);
    assertThat(current).extracting(DueDelivery::attempt).containsExactly(2, 2, 2);

    assertThat(stores.webhooks().delivered(acknowledged(stale.subList(0, 2)), at(2))).isZero();
    assertThat(stores.webhooks().release(stale.subList(2, 3), at(2))).isZero();
    assertThat(stores.webhooks().delivery(stale.get(2).id()).orElseThrow())
        .extracting(WebhookDelivery::status, WebhookDelivery::attempts)
        .containsExactly(WebhookDelivery.Status.PENDING, 2);

    List<Acknowledged> mixed =
        List.of(
            new Acknowledged(current.get(0).id(), 2, 200),
            new Acknowledged(current.get(1).id(), 1, 200));
    assertThat(stores.webhooks().delivered(mixed, at(2)))
        .as("each is fenced on its own; the current one is written")
        .isOne();
    assertThat(stores.webhooks().delivery(current.get(0).id()).orElseThrow().status())
        .isEqualTo(WebhookDelivery.Status.DELIVERED);
    assertThat(stores.webhooks().delivery(current.get(1).id()).orElseThrow().status())
        .isEqualTo(WebhookDelivery.Status.PENDING);
    assertThat(stores.webhooks().delivered(List.of(), at(2))).isZero();
    assertThat(stores.webhooks().release(List.of(), at(2))).isZero();
  }

  @Test
  void concurrentClaimersNeverClaimOneDeliveryTwiceNorSplitARun() throws Exception {
    int subscriptions = 12;
    for (int i = 0; i < subscriptions; i++) {
      subscribe();
    }
    for (int i = 0; i < 3; i++) {
      deliver(T0);
    }
    List<DeliveryRun> claimed = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> claimers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        claimers.add(
            () -> {
              for (int round = 0; round < 10; round++) {
                claimed.addAll(stores.webhooks().nextRuns(3, 64, T0, LEASE));
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

    assertThat(claimed)
        .hasSize(subscriptions)
        .allSatisfy(run -> assertThat(run.deliveries()).hasSize(3));
    assertThat(claimed.stream().flatMap(run -> run.deliveries().stream()).map(DueDelivery::id))
        .hasSize(subscriptions * 3)
        .doesNotHaveDuplicates();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static List<DueDelivery> run(List<DeliveryRun> runs, WebhookSubscription of) {
    return runs.stream()
        .filter(run -> run.subscriptionId().equals(of.id()))
        .findFirst()
        .orElseThrow()
        .deliveries();
  }

  private static List<Acknowledged> acknowledged(List<DueDelivery> deliveries) {
    return deliveries.stream().map(d -> new Acknowledged(d.id(), d.attempt(), 204)).toList();
  }

  private WebhookSubscription subscribe() {
    Subscribing result =
        stores
            .webhooks()
            .subscribe(
                "https://receiver.example/" + seq++, STORED, "…WXYZ", List.of("*"), "ops", T0, 100);
    return ((Subscribing.Subscribed) result).subscription();
  }

  /** Delivers one event, due at {@code at}; returns the new delivery ids, oldest first. */
  private List<Long> deliver(Instant at) {
    long position = ++seq;
    stores
        .webhooks()
        .deliverNow(
            new OutboxEvent(
                position,
                UUID.randomUUID(),
                study,
                position,
                "study.created",
                "{\"seq\":" + position + "}",
                at,
                null),
            false,
            at);
    List<Long> ids = new ArrayList<>();
    while (stores.webhooks().delivery(lastId + 1).isPresent()) {
      ids.add(++lastId);
    }
    return ids;
  }
}
