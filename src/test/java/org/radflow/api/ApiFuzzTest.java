package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every operation of the application's own OpenAPI document, sent hostile requests over real HTTP
 * (see {@link FuzzRequests}): none may answer 5xx, and none may leave a stack trace in the log, the
 * mark of an exception nobody meant. The only 5xx allowed is the documented 503 of an operator
 * action whose subsystem is switched off on this node, as it is here.
 *
 * <p>Every error is a problem document. {@link PostgresApiFuzzTest} runs the same against
 * PostgreSQL, whose columns, unlike SQLite's, refuse a value longer than their width.
 *
 * <p>A CI run sends {@value #DEFAULT_REQUESTS} requests; {@code -Dradflow.fuzz.requests=200000}
 * sends more and {@code -Dradflow.fuzz.seed=N} varies them. The figures are written to {@code
 * target/ApiFuzzTest-report.txt} (and PostgresApiFuzzTest-report.txt) and recorded in
 * docs/benchmarks.md.
 */
class ApiFuzzTest extends AbstractApiTest {

  static final int DEFAULT_REQUESTS = 2000;
  private static final int REQUESTS = Integer.getInteger("radflow.fuzz.requests", DEFAULT_REQUESTS);
  private static final long SEED = Long.getLong("radflow.fuzz.seed", 20261204L);
  private static final String PROBLEM = "application/problem+json";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflowHome(DynamicPropertyRegistry registry) {
    registry.add("radflow.home", () -> home.toString());
    registry.add("radflow.webhooks.enabled", () -> "false");
  }

  /**
   * Builds every request the fuzz test sends, and only here: when the API requires authentication,
   * the credentials go in this one place.
   */
  private HttpRequest build(FuzzRequests.FuzzRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.pathAndQuery()))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + secret);
    request.headers().forEach(builder::header);
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    HttpRequest.BodyPublisher body;
    if (request.body() == null) {
      body = HttpRequest.BodyPublishers.noBody();
    } else if (request.chunked()) {
      // no length known up front: sent with Transfer-Encoding: chunked
      body =
          HttpRequest.BodyPublishers.fromPublisher(
              HttpRequest.BodyPublishers.ofString(request.body()));
    } else {
      body = HttpRequest.BodyPublishers.ofString(request.body());
    }
    return builder.method(request.method(), body).build();
  }

  @Test
  void noHostileRequestIsAnsweredWith5xxOrLeavesAStackTrace() throws IOException {
    var document = api.get("/api/v1/openapi").json();
    List<OpenApiOperations.Operation> operations = OpenApiOperations.read(document);
    assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(20);
    FuzzRequests requests = new FuzzRequests(SEED, document, open("FUZZ-1"));

    Map<String, Map<Integer, Integer>> byOperation = new TreeMap<>();
    Map<Integer, Integer> byStatus = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    ListAppender<ILoggingEvent> log = captureLog();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < REQUESTS; i++) {
        OpenApiOperations.Operation operation = operations.get(i % operations.size());
        FuzzRequests.FuzzRequest request = requests.next(operation);
        int logged = logged(log).size();
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        byStatus.merge(status, 1, Integer::sum);
        byOperation
            .computeIfAbsent(operation.name(), k -> new TreeMap<>())
            .merge(status, 1, Integer::sum);
        if (status >= 500 && !switchedOff(response)) {
          failures.add(status + " for " + request.describe() + "\n  -> " + response.body());
        }
        if (status >= 400
            && !response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM)) {
          failures.add(status + " without a problem document for " + request.describe());
        }
        List<ILoggingEvent> lines = logged(log);
        for (ILoggingEvent event : lines.subList(logged, lines.size())) {
          if (event.getThrowableProxy() != null) {
            failures.add(
                "stack trace logged ("
                    + event.getFormattedMessage()
                    + ": "
                    + event.getThrowableProxy().getClassName()
                    + ": "
                    + event.getThrowableProxy().getMessage()
                    + ") for "
                    + request.describe());
          }
        }
      }
    } finally {
      releaseLog(log);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    String report = report(byOperation, byStatus, millis);
    Files.writeString(Path.of("target", getClass().getSimpleName() + "-report.txt"), report);
    System.out.println(report);

    assertThat(failures).as("5xx answers and stack traces, seed " + SEED).isEmpty();
    assertThat(byStatus.keySet()).as("some requests are valid").contains(200);
  }

  /** The documented 503 of an operator action whose subsystem is off on this node. */
  private static boolean switchedOff(HttpResponse<String> response) {
    return response.statusCode() == 503
        && response.body().contains("https://radflow.org/problems/orchestration-off");
  }

  private HttpResponse<String> send(FuzzRequests.FuzzRequest request) {
    try {
      return CLIENT.send(build(request), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("no answer to " + request.describe() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String report(
      Map<String, Map<Integer, Integer>> byOperation, Map<Integer, Integer> byStatus, long millis) {
    StringBuilder out = new StringBuilder();
    out.append("API fuzz: ")
        .append(REQUESTS)
        .append(" requests over ")
        .append(byOperation.size())
        .append(" operations in ")
        .append(millis)
        .append(" ms, seed ")
        .append(SEED)
        .append('\n')
        .append("by status: ")
        .append(byStatus)
        .append('\n');
    byOperation.forEach(
        (operation, statuses) -> {
          int total = statuses.values().stream().mapToInt(Integer::intValue).sum();
          out.append(String.format("%-60s %5d  %s%n", operation, total, statuses));
        });
    return out.toString();
  }

  // radflow's loggers do not add to the root's appenders, so each one is captured.
  private static final List<String> LOGGERS =
      List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.radflow", "radflow");

  /**
   * A copy of the lines logged so far: radflow's background threads log too, and the appender adds
   * to its list under its own lock, which iterating the live list would not take.
   */
  private static List<ILoggingEvent> logged(ListAppender<ILoggingEvent> log) {
    synchronized (log) {
      return List.copyOf(log.list);
    }
  }

  private static ListAppender<ILoggingEvent> captureLog() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    LOGGERS.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).addAppender(appender));
    return appender;
  }

  private static void releaseLog(ListAppender<ILoggingEvent> appender) {
    LOGGERS.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).detachAppender(appender));
    appender.stop();
  }
}
