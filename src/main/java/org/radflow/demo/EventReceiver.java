package org.radflow.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's webhook endpoint: radflow's events, received from outside as any subscriber receives
 * them (docs/consumers.md), and counted. A JDK HTTP server on a free loopback port; radflow sends
 * plain http there only with {@code RADFLOW_WEBHOOKS_ALLOW_HTTP_LOOPBACK=true}.
 *
 * <p>radflow POSTs each event's JSON payload as the body, with {@code X-Radflow-Event-Id}, {@code
 * -Event-Type}, {@code -Study}, {@code -Delivery}, {@code -Signature} and, on replays, {@code
 * -Replay}. A delivery is answered 204 only when its signature verifies with the secret; 401
 * otherwise. A signed delivery that is malformed (no event id, a payload without its study, place
 * in the history or record time, headers that disagree with the signed payload) is answered 400.
 * Both count as refused. The signature covers the body only, so the study and type the receiver
 * records are read from the payload and the headers merely checked against it; the event id exists
 * only as a header.
 */
public final class EventReceiver implements AutoCloseable {

  static final String PATH = "/events";

  /** Far above any payload radflow writes (its inline limit is 16 KiB). */
  private static final int MAX_BODY_BYTES = 1 << 20;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService threads;
  private final String secret;
  private final Clock clock;
  private final EventLedger ledger = new EventLedger();

  private EventReceiver(HttpServer server, ExecutorService threads, String secret, Clock clock) {
    this.server = server;
    this.threads = threads;
    this.secret = secret;
    this.clock = clock;
  }

  /** A receiver with a fresh random secret, listening on a free loopback port. */
  public static EventReceiver start() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return start("demo-" + HexFormat.of().formatHex(random), Clock.systemUTC());
  }

  /** A receiver verifying with {@code secret} and timing arrivals by {@code clock}. */
  static EventReceiver start(String secret, Clock clock) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      // one thread: radflow sends a subscription's deliveries one at a time anyway, and so the
      // order the ledger records them in is the order they arrived in
      ExecutorService threads =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "radflow-demo-events");
                t.setDaemon(true);
                return t;
              });
      EventReceiver receiver = new EventReceiver(server, threads, secret, clock);
      server.createContext(PATH, receiver::handle);
      server.setExecutor(threads);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on a loopback port for webhooks", e);
    }
  }

  /** Where radflow should POST the events. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    return URI.create(
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + PATH);
  }

  /** The secret the subscription must be made with. */
  public String secret() {
    return secret;
  }

  public EventTally tally() {
    return ledger.tally();
  }

  /** Arrival minus record time, one sample per distinct event, in order of arrival. */
  public List<DemoTimeline.LagSample> lag() {
    return ledger.lag();
  }

  /** Every accepted delivery, redeliveries included, in order of arrival. */
  public List<ReceivedEvent> received() {
    return ledger.received();
  }

  /**
   * Waits until the tally meets {@code condition} (for instance, as many distinct events as the
   * studies' histories hold); false if {@code timeout} passed first.
   */
  public boolean await(Predicate<EventTally> condition, Duration timeout)
      throws InterruptedException {
    return ledger.await(condition, timeout);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      int status = answer(exchange);
      if (status >= 400) {
        ledger.refuse();
      }
      exchange.sendResponseHeaders(status, -1);
    } finally {
      exchange.close();
    }
  }

  private int answer(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      return 405;
    }
    byte[] body = read(exchange.getRequestBody());
    if (body == null) {
      return 413;
    }
    Instant arrivedAt = clock.instant();
    String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
    if (!WebhookSignature.verify(secret, signature, body, arrivedAt)) {
      return 401;
    }
    ReceivedEvent event = parse(exchange, body, arrivedAt);
    if (event == null) {
      return 400;
    }
    ledger.accept(event);
    return 204;
  }

  /** The delivery as an event, or null when it is not one radflow would send. */
  private static ReceivedEvent parse(HttpExchange exchange, byte[] body, Instant arrivedAt) {
    var headers = exchange.getRequestHeaders();
    try {
      JsonNode payload = JSON.readTree(body);
      String studyId = payload.path("studyId").asString("");
      String type = payload.path("change").asString("");
      long seq = payload.path("studySeq").asLong(0);
      String recordTime = payload.path("recordTime").asString("");
      String eventId = headers.getFirst("X-Radflow-Event-Id");
      if (studyId.isEmpty()
          || type.isEmpty()
          || seq < 1
          || recordTime.isEmpty()
          || eventId == null
          || !studyId.equals(headers.getFirst("X-Radflow-Study"))
          || !type.equals(headers.getFirst("X-Radflow-Event-Type"))) {
        return null;
      }
      return new ReceivedEvent(
          UUID.fromString(eventId),
          type,
          studyId,
          seq,
          Instant.parse(recordTime),
          arrivedAt,
          "true".equals(headers.getFirst("X-Radflow-Replay")));
    } catch (JacksonException | DateTimeParseException | IllegalArgumentException malformed) {
      return null;
    }
  }

  /** The whole body, or null when it is larger than any delivery radflow sends. */
  private static byte[] read(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }
}
