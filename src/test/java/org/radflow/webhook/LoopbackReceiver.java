package org.radflow.webhook;

import static org.radflow.webhook.WebhookDispatcherContractTest.SECRET;
import static org.radflow.webhook.WebhookDispatcherContractTest.TIMEOUT;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receiver of {@link WebhookDispatcherContractTest}: the JDK's server on a free loopback port.
 * Answers 500 to the first N requests and to the first arrival of chosen events, lets one request
 * run past the dispatcher's timeout, can hold an event's request until the test lets it go, and
 * acknowledges the rest with 204 after checking their signature. Only 2xx answers count as
 * acknowledged; every request, answered or not, is in {@link #arrived}.
 */
final class LoopbackReceiver implements AutoCloseable {

  record Request(String path, Map<String, List<String>> headers, String body) {

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.get(0);
    }

    UUID eventId() {
      return UUID.fromString(header("X-Radflow-Event-Id"));
    }
  }

  /** An event whose request waits: {@code arrived} counts down, then it waits for {@code go}. */
  private record Hold(UUID eventId, CountDownLatch arrived, CountDownLatch go) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  final AtomicInteger requests = new AtomicInteger();
  private volatile int failFirst;
  private volatile int timeOutRequest = -1;
  private final Set<UUID> failOnce = ConcurrentHashMap.newKeySet();
  private volatile Hold hold;
  final AtomicInteger failures = new AtomicInteger();
  final AtomicInteger timeouts = new AtomicInteger();
  final AtomicInteger badSignatures = new AtomicInteger();
  private final Map<String, List<Request>> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, List<Request>> arrived = new ConcurrentHashMap<>();

  LoopbackReceiver() throws IOException {
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

  /** Answers 500 the first time this event arrives, as a receiver failing once would. */
  void failOnce(UUID eventId) {
    failOnce.add(eventId);
  }

  /**
   * Holds this event's first request: {@code arrived} counts down, then it waits for {@code go}.
   */
  void hold(UUID eventId, CountDownLatch arrived, CountDownLatch go) {
    hold = new Hold(eventId, arrived, go);
  }

  List<Request> acknowledged(String path) {
    return List.copyOf(acknowledged.getOrDefault(path, List.of()));
  }

  /** The events of every request to {@code path}, in the order they arrived, failed ones too. */
  List<UUID> arrived(String path) {
    return List.copyOf(arrived.getOrDefault(path, List.of())).stream()
        .map(Request::eventId)
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(exchange.getRequestHeaders());
    Request request = new Request(exchange.getRequestURI().getPath(), headers, body);
    append(arrived, request);
    int number = requests.incrementAndGet();
    Hold held = hold;
    if (held != null && held.eventId().equals(request.eventId())) {
      hold = null;
      held.arrived().countDown();
      try {
        held.go().await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int status;
    if (number <= failFirst || failOnce.remove(request.eventId())) {
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
      append(acknowledged, request);
      status = 204;
    }
    try {
      exchange.sendResponseHeaders(status, -1);
    } catch (IOException gone) {
      // the sender timed out and closed the connection
    }
    exchange.close();
  }

  private static void append(Map<String, List<Request>> byPath, Request request) {
    byPath
        .computeIfAbsent(request.path(), p -> Collections.synchronizedList(new ArrayList<>()))
        .add(request);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
