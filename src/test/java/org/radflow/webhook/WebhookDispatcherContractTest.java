package org.radflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.blob.BlobKeys;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.events.OutboxEvent;
import org.radflow.study.StudyId;

/**
 * The dispatcher against a real HTTP receiver (the JDK's server on a free loopback port) that fails
 * on purpose, over a real store; each database by a short subclass. The test plays the relay: it
 * writes the delivery rows with {@link org.radflow.webhook.WebhookStore#deliverNow}. Backoff is
 * milliseconds here, so retries happen while the test waits for the receiver, never by the test
 * sleeping. The receiver is plain http on loopback, so the targets are checked under {@code
 * allowHttpLoopback}, passed explicitly; names resolve through {@link #names}, which a test may
 * point elsewhere between two deliveries, as a rebinding DNS server would.
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
  private Receiver receiver;
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
    receiver = new Receiver();
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
        .extracting(Request::eventId)
        .containsExactlyElementsOf(events.stream().map(OutboxEvent::eventId).toList());
    assertThat(receiver.acknowledged("/applied"))
        .extracting(Request::eventId)
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

    Request first = receiver.acknowledged("/all").get(0);
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
        .extracting(Request::eventId)
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
        .extracting(Request::eventId)
        .containsExactly(before.eventId(), after.eventId());
    assertThat(receiver.badSignatures.get()).isZero();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void start(DeliveryPolicy policy) {
    dispatcher =
        new WebhookDispatcher(
            store.webhooks(), Clock.systemUTC(), policy, meters, targets, secrets);
    dispatcher.start();
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

  record Request(String path, Map<String, List<String>> headers, String body) {

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.get(0);
    }

    UUID eventId() {
      return UUID.fromString(header("X-Radflow-Event-Id"));
    }
  }

  /**
   * Answers 500 to the first N requests, lets one request run past the dispatcher's timeout, and
   * acknowledges the rest with 204 after checking their signature. Only 2xx answers count as
   * acknowledged.
   */
  static final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    final AtomicInteger requests = new AtomicInteger();
    private volatile int failFirst;
    private volatile int timeOutRequest = -1;
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger timeouts = new AtomicInteger();
    final AtomicInteger badSignatures = new AtomicInteger();
    private final Map<String, List<Request>> acknowledged = new ConcurrentHashMap<>();

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::handle);
      server.setExecutor(threads);
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + port() + path;
    }

    int port() {
      return server.getAddress().getPort();
    }

    void failFirst(int n) {
      requests.set(0);
      failFirst = n;
    }

    void timeOutRequest(int n) {
      timeOutRequest = n;
    }

    List<Request> acknowledged(String path) {
      return List.copyOf(acknowledged.getOrDefault(path, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.putAll(exchange.getRequestHeaders());
      Request request = new Request(exchange.getRequestURI().getPath(), headers, body);
      int number = requests.incrementAndGet();
      int status;
      if (number <= failFirst) {
        failures.incrementAndGet();
        status = 500;
      } else if (number == timeOutRequest) {
        timeouts.incrementAndGet();
        try {
          Thread.sleep(TIMEOUT.multipliedBy(3).toMillis()); // past the sender's timeout
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        status = 503; // too late either way: the sender gave up and will retry
      } else if (!Signature.verify(
          SECRET,
          request.header(Signature.HEADER),
          body,
          Instant.now(),
          Signature.DEFAULT_TOLERANCE)) {
        badSignatures.incrementAndGet();
        status = 401;
      } else {
        acknowledged
            .computeIfAbsent(request.path(), p -> Collections.synchronizedList(new ArrayList<>()))
            .add(request);
        status = 204;
      }
      try {
        exchange.sendResponseHeaders(status, -1);
      } catch (IOException gone) {
        // the sender timed out and closed the connection
      }
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
