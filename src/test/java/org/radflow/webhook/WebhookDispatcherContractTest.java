package org.radflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.blob.BlobKeys;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.events.OutboxEvent;
import org.radflow.study.StudyId;

/**
 * The dispatcher against a real HTTP receiver ({@link LoopbackReceiver}) that fails on purpose,
 * over a real store; each database by a short subclass. The test plays the relay: it writes the
 * delivery rows with {@link org.radflow.webhook.WebhookStore#deliverNow}. Backoff is milliseconds
 * here, so retries happen while the test waits for the receiver, never by the test sleeping. The
 * receiver is plain http on loopback, so the targets are checked under {@code allowHttpLoopback},
 * passed explicitly; names resolve through {@link #names}, which a test may point elsewhere between
 * two deliveries, as a rebinding DNS server would.
 */
abstract class WebhookDispatcherContractTest {

  static final String SECRET = "whsec-0123456789abcdef";
  static final Duration TIMEOUT = Duration.ofMillis(400);
  static final DeliveryPolicy FAST =
      new DeliveryPolicy(
          Duration.ofMillis(5),
          Duration.ofMillis(40),
          10,
          TIMEOUT,
          8,
          Duration.ofMillis(20),
          Duration.ofSeconds(5));

  /** One test's fresh, empty database, and how to remove it afterwards. */
  protected record Database(String url, String user, String password, Runnable drop) {}

  protected abstract Database freshDatabase();

  /** What each name resolves to now; a literal address resolves to itself. */
  private final Map<String, InetAddress> names = new ConcurrentHashMap<>();

  private final WebhookTargets targets =
      new WebhookTargets(
          new TargetPolicy(true, List.of()),
          host -> {
            InetAddress named = names.get(host);
            return List.of(named != null ? named : InetAddress.getByName(host));
          });

  private final WebhookSecrets secrets =
      new WebhookSecrets(new BlobKeys("test", Map.of("test", WebhookSecretsTest.key())));

  private Database database;
  private Stores store;
  private LoopbackReceiver receiver;
  private WebhookDispatcher dispatcher;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final StudyId study = StudyId.random();
  private long seq;

  @BeforeEach
  void start() throws IOException {
    database = freshDatabase();
    store =
        Stores.open(
            database.url(),
            database.user(),
            database.password(),
            10,
            new StoreSettings(1024, Duration.ofHours(4)));
    receiver = new LoopbackReceiver();
  }

  @AfterEach
  void stop() {
    try (Stores closed = store) {
      if (dispatcher != null) {
        dispatcher.close();
      }
      receiver.close();
    } finally {
      if (database != null) {
        database.drop().run();
      }
    }
  }

  @Test
  void everyEventArrivesOnceAcknowledgedInOrderPerSubscriptionThroughFailuresAndATimeout() {
    WebhookSubscription all = subscribe("/all", "*");
    WebhookSubscription applied = subscribe("/applied", "study.transition.applied");
    receiver.failFirst(5);
    receiver.timeOutRequest(7); // the 7th request overall, after the five 500s
    List<OutboxEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(
          publish(i % 3 == 0 ? "study.transition.held" : "study.transition.applied", i == 11));
    }
    start(FAST);

    await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);

    assertThat(receiver.acknowledged("/all"))
        .extracting(LoopbackReceiver.Request::eventId)
        .containsExactlyElementsOf(events.stream().map(OutboxEvent::eventId).toList());
    assertThat(receiver.acknowledged("/applied"))
        .extracting(LoopbackReceiver.Request::eventId)
        .containsExactlyElementsOf(
            events.stream()
                .filter(e -> e.eventType().equals("study.transition.applied"))
                .map(OutboxEvent::eventId)
                .toList());
    assertThat(receiver.failures.get()).isEqualTo(5);
    assertThat(receiver.timeouts.get()).isOne();
    assertThat(receiver.badSignatures.get()).isZero();
    assertThat(store.webhooks().deadLetters(all.id(), 100)).isEmpty();
    assertThat(store.webhooks().deadLetters(applied.id(), 100)).isEmpty();

    LoopbackReceiver.Request first = receiver.acknowledged("/all").get(0);
    assertThat(first.body()).isEqualTo(events.get(0).payload());
    assertThat(first.header("Content-Type")).isEqualTo("application/json");
    assertThat(first.header("X-Radflow-Event-Type")).isEqualTo("study.transition.held");
    assertThat(first.header("X-Radflow-Study")).isEqualTo(study.toString());
    assertThat(first.header("X-Radflow-Delivery")).matches("\\d+");
    assertThat(first.header("X-Radflow-Replay")).isNull();
    assertThat(receiver.acknowledged("/all").get(11).header("X-Radflow-Replay")).isEqualTo("true");
    assertThat(counter("delivered")).isEqualTo(12 + 8);
    assertThat(counter("retry")).isEqualTo(6);
    assertThat(counter("dead")).isZero();
  }

  @Test
  void aReceiverThatAlwaysFailsEndsInDeadLettersThatRedeliverOnceItIsFixed() {
    WebhookSubscription sub = subscribe("/broken", "*");
    receiver.failFirst(Integer.MAX_VALUE);
    List<OutboxEvent> events =
        List.of(publish("study.created", false), publish("study.transition.applied", false));
    start(FAST.withMaxAttempts(3));

    await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);

    List<WebhookDelivery> dead = store.webhooks().deadLetters(sub.id(), 10);
    assertThat(dead)
        .extracting(
            WebhookDelivery::eventId,
            WebhookDelivery::attempts,
            WebhookDelivery::lastStatus,
            WebhookDelivery::lastError)
        .containsExactly(
            tuple(events.get(0).eventId(), 3, 500, "receiver answered HTTP 500"),
            tuple(events.get(1).eventId(), 3, 500, "receiver answered HTTP 500"));
    assertThat(receiver.failures.get()).isEqualTo(6);
    assertThat(receiver.acknowledged("/broken")).isEmpty();
    // counted once the dead letter has committed, so just after the store shows it
    await().atMost(Duration.ofSeconds(5)).until(() -> counter("dead") == 2);

    receiver.failFirst(0);
    for (WebhookDelivery letter : dead) {
      assertThat(
              store.webhooks().redeliver(letter.id(), "j.smith", "receiver fixed", Instant.now()))
          .isInstanceOf(Redelivery.Redelivered.class);
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);
    assertThat(receiver.acknowledged("/broken"))
        .extracting(LoopbackReceiver.Request::eventId)
        .containsExactly(events.get(0).eventId(), events.get(1).eventId());
    assertThat(store.webhooks().deadLetters(sub.id(), 10)).isEmpty();
    assertThat(receiver.badSignatures.get()).isZero();
  }

  @Test
  void eachDeliveryGoesToTheAddressCheckedJustBeforeItAndANameReboundToAForbiddenOneIsRefused()
      throws Exception {
    names.put("hooks.test", InetAddress.getByName("127.0.0.1"));
    String url = "http://hooks.test:" + receiver.port() + "/rebound";
    Subscribing subscribed =
        new WebhookSubscriptions(store.webhooks(), targets, secrets, 10)
            .subscribe(url, SECRET, List.of("*"), "test", Instant.now());
    WebhookSubscription sub = ((Subscribing.Subscribed) subscribed).subscription();
    OutboxEvent first = publish("study.created", false);
    start(FAST);

    await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);
    assertThat(receiver.acknowledged("/rebound"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.eventId()).isEqualTo(first.eventId());
              assertThat(r.header("Host")).isEqualTo("hooks.test:" + receiver.port());
            });

    names.put("hooks.test", InetAddress.getByName("169.254.169.254"));
    OutboxEvent second = publish("study.transition.applied", false);

    await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);
    assertThat(store.webhooks().deadLetters(sub.id(), 10))
        .singleElement()
        .satisfies(
            dead -> {
              assertThat(dead.eventId()).isEqualTo(second.eventId());
              assertThat(dead.attempts()).as("refused at once, not retried").isOne();
              assertThat(dead.lastStatus()).isNull();
              assertThat(dead.lastError())
                  .startsWith("target refused: the host hooks.test resolves to 169.254.169.254")
                  .contains("metadata", TargetPolicy.ALLOWED_NETWORKS);
            });
    assertThat(receiver.acknowledged("/rebound")).hasSize(1);
    assertThat(receiver.requests.get()).isOne();
    assertThat(counter("refused")).isOne();
  }

  @Test
  void aSecretStoredPlainBeforeV10StillSignsAndOnceSealedAtStartUpSignsTheSame() {
    Subscribing legacy =
        store
            .webhooks()
            .subscribe(
                receiver.url("/legacy"),
                new StoredSecret(SECRET, false),
                WebhookSubscription.hint(SECRET),
                List.of("*"),
                "test",
                Instant.now(),
                10);
    assertThat(legacy).isInstanceOf(Subscribing.Subscribed.class);
    OutboxEvent before = publish("study.created", false);
    start(FAST);
    await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);

    assertThat(secrets.sealPlainSecrets(store.webhooks())).isOne();
    assertThat(secrets.sealPlainSecrets(store.webhooks())).as("once").isZero();
    OutboxEvent after = publish("study.transition.applied", false);
    await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);

    assertThat(receiver.acknowledged("/legacy"))
        .extracting(LoopbackReceiver.Request::eventId)
        .containsExactly(before.eventId(), after.eventId());
    assertThat(receiver.badSignatures.get()).isZero();
  }

  @Test
  void manyEventsToOneSubscriptionArriveInOrderAndExactlyOnceInRuns() {
    subscribe("/many", "*");
    List<OutboxEvent> events = new ArrayList<>();
    for (int i = 0; i < 3 * DeliveryPolicy.RUN_LENGTH; i++) {
      events.add(publish("study.transition.applied", false));
    }
    start(FAST);
    for (int i = 0; i < 100; i++) { // more arrive while runs are being sent
      events.add(publish("study.transition.applied", false));
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);

    List<UUID> expected = events.stream().map(OutboxEvent::eventId).toList();
    assertThat(receiver.arrived("/many")).containsExactlyElementsOf(expected);
    assertThat(receiver.acknowledged("/many"))
        .extracting(LoopbackReceiver.Request::eventId)
        .containsExactlyElementsOf(expected);
    assertThat(receiver.badSignatures.get()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> counter("delivered") == events.size());
    assertThat(counter("lease_lost")).isZero();
  }

  @Test
  void aFailureMidRunIsRetriedBeforeTheRestWhichIsSentAfterItInOrderWithoutAnAttemptCounted() {
    subscribe("/midrun", "*");
    List<OutboxEvent> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(publish("study.transition.applied", false));
    }
    receiver.failOnce(events.get(4).eventId());
    start(FAST);

    await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);

    List<UUID> ids = events.stream().map(OutboxEvent::eventId).toList();
    List<UUID> expected = new ArrayList<>(ids.subList(0, 5));
    expected.addAll(ids.subList(4, 10)); // the failed one again, then the rest in order
    assertThat(receiver.arrived("/midrun")).containsExactlyElementsOf(expected);
    List<LoopbackReceiver.Request> acknowledged = receiver.acknowledged("/midrun");
    assertThat(acknowledged)
        .extracting(LoopbackReceiver.Request::eventId)
        .containsExactlyElementsOf(ids);
    assertThat(attempts(acknowledged.get(3))).isOne();
    assertThat(attempts(acknowledged.get(4))).as("the failed one").isEqualTo(2);
    assertThat(attempts(acknowledged.get(5)))
        .as("released unattempted, so its one attempt is its first")
        .isOne();
    await().atMost(Duration.ofSeconds(5)).until(() -> counter("delivered") == 10);
    assertThat(counter("retry")).isOne();
  }

  @Test
  void aRunWhoseLeaseWasTakenOverStopsAndWritesNothingOverTheNewClaim() throws Exception {
    subscribe("/taken", "*");
    List<OutboxEvent> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(publish("study.transition.applied", false));
    }
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    receiver.hold(events.get(2).eventId(), arrived, go);
    MovableClock clock = new MovableClock();
    DeliveryPolicy patient =
        new DeliveryPolicy(
            Duration.ofMillis(5),
            Duration.ofMillis(40),
            10,
            Duration.ofSeconds(10),
            8,
            Duration.ofMillis(20),
            Duration.ofSeconds(30));
    start(patient, clock);
    assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();

    // the node seems dead: its lease runs out and another node claims the run again
    Instant later = Instant.now().plus(patient.lease()).plusSeconds(1);
    List<DeliveryRun> takenOver =
        store.webhooks().nextRuns(1, DeliveryPolicy.RUN_LENGTH, later, patient.lease());
    assertThat(takenOver).singleElement().satisfies(r -> assertThat(r.deliveries()).hasSize(6));
    clock.advance(patient.lease().plusSeconds(1));
    go.countDown();

    await().atMost(Duration.ofSeconds(10)).until(() -> counter("lease_lost") == 3);
    assertThat(receiver.arrived("/taken"))
        .as("the first claim sent up to the held one and no further")
        .containsExactlyElementsOf(
            events.subList(0, 3).stream().map(OutboxEvent::eventId).toList());
    for (DueDelivery delivery : takenOver.get(0).deliveries()) {
      assertThat(store.webhooks().delivery(delivery.id()).orElseThrow())
          .as("still the new claim's")
          .extracting(WebhookDelivery::status, WebhookDelivery::attempts)
          .containsExactly(WebhookDelivery.Status.PENDING, 2);
    }
    assertThat(counter("delivered")).isZero();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void start(DeliveryPolicy policy) {
    start(policy, Clock.systemUTC());
  }

  private void start(DeliveryPolicy policy, Clock clock) {
    dispatcher = new WebhookDispatcher(store.webhooks(), clock, policy, meters, targets, secrets);
    dispatcher.start();
  }

  private int attempts(LoopbackReceiver.Request request) {
    long id = Long.parseLong(request.header("X-Radflow-Delivery"));
    return store.webhooks().delivery(id).orElseThrow().attempts();
  }

  /** The system clock, moved on by the test as a node paused past its lease would see it. */
  private static final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void advance(Duration by) {
      offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }
  }

  private WebhookSubscription subscribe(String path, String... types) {
    Subscribing result =
        new WebhookSubscriptions(store.webhooks(), targets, secrets, 10)
            .subscribe(receiver.url(path), SECRET, List.of(types), "test", Instant.now());
    return ((Subscribing.Subscribed) result).subscription();
  }

  private OutboxEvent publish(String type, boolean replay) {
    long position = ++seq;
    OutboxEvent event =
        new OutboxEvent(
            position,
            UUID.randomUUID(),
            study,
            position,
            type,
            "{\"type\":\"" + type + "\",\"studySeq\":" + position + ",\"note\":\"é\"}",
            Instant.now(),
            null);
    store.webhooks().deliverNow(event, replay, Instant.now());
    return event;
  }

  private long pending() {
    return store.webhooks().deliveryCounts().get(WebhookDelivery.Status.PENDING);
  }

  private double counter(String outcome) {
    return meters.get("radflow.webhook.deliveries").tag("outcome", outcome).counter().count();
  }
}
