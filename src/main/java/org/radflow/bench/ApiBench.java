package org.radflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code radflow bench api}: the HTTP API's cost per request, against a radflow that is running,
 * with what a caller would send (a token, a password or nothing). Run it against two builds in one
 * sitting to measure what a change costs, e.g. authentication: the requests are reads, the same for
 * both.
 */
final class ApiBench {

  static final String OPTIONS =
      "--url http://127.0.0.1:8080 --path /api/v1/studies?limit=1 --requests 5000 --clients 4"
          + " --warmup 1000 [--token SECRET | --basic USER:PASSWORD]";

  private ApiBench() {}

  record Options(
      String url,
      String path,
      int requests,
      int clients,
      int warmup,
      String authorization,
      String label) {}

  static int run(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      return BenchCommand.usage("api", e, OPTIONS);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    phase(http, options, options.warmup());
    long started = System.nanoTime();
    long[] latencies = phase(http, options, options.requests());
    double seconds = (System.nanoTime() - started) / 1e9;
    Arrays.sort(latencies);
    System.out.printf(
        "GET %s as %s: %d requests, %d clients, %.0f requests/s   p50 %.2f ms   p99 %.2f ms%n",
        options.path(),
        options.label(),
        options.requests(),
        options.clients(),
        options.requests() / seconds,
        TransitionsBench.LatencyRecorder.millis(latencies, 0.50),
        TransitionsBench.LatencyRecorder.millis(latencies, 0.99));
    return 0;
  }

  private static long[] phase(HttpClient http, Options options, int requests) throws Exception {
    long[] latencies = new long[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(options.clients());
    try {
      Future<?>[] clients = new Future<?>[options.clients()];
      for (int c = 0; c < clients.length; c++) {
        clients[c] =
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    HttpRequest.Builder request =
                        HttpRequest.newBuilder(URI.create(options.url() + options.path()));
                    if (options.authorization() != null) {
                      request.header("Authorization", options.authorization());
                    }
                    long t0 = System.nanoTime();
                    HttpResponse<Void> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                    latencies[i] = System.nanoTime() - t0;
                    if (response.statusCode() != 200) {
                      failed.incrementAndGet();
                    }
                  }
                  return null;
                });
      }
      for (Future<?> client : clients) {
        client.get();
      }
    } finally {
      pool.shutdownNow();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(
          failed.get()
              + " of "
              + requests
              + " requests were not answered 200: check the URL and"
              + " the credentials");
    }
    return latencies;
  }

  private static Options parse(String[] args) {
    String url = "http://127.0.0.1:8080";
    String path = "/api/v1/studies?limit=1";
    int requests = 5000;
    int clients = 4;
    int warmup = 1000;
    String authorization = null;
    String label = "anonymous";
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--url" -> url = value;
        case "--path" -> path = value;
        case "--requests" -> requests = Integer.parseInt(value);
        case "--clients" -> clients = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--token" -> {
          authorization = "Bearer " + value;
          label = "a token";
        }
        case "--basic" -> {
          authorization =
              "Basic "
                  + java.util.Base64.getEncoder()
                      .encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          label = "a password (HTTP Basic)";
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(url, path, requests, clients, warmup, authorization, label);
  }
}
