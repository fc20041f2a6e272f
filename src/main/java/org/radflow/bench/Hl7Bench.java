package org.radflow.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.radflow.blob.EncryptingBlobStore;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.blob.LocalBlobKey;
import org.radflow.config.StoreSettings;
import org.radflow.db.SqliteSync;
import org.radflow.hl7.Hl7Service;
import org.radflow.hl7.Hl7Settings;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.orchestration.PatientUpdates;

/**
 * HL7 v2 over MLLP end to end: N sending systems on real loopback sockets, each sending its share
 * of the studies' messages one at a time (waiting for each ACK, as MLLP senders do), to the
 * listener assembled as radflow runs it — raw message into the blob store, parse, map, commit, ACK.
 * Only ingest runs; the orchestration engine does not. A message counts once its AA is read.
 */
final class Hl7Bench {

  static final String OPTIONS =
      "--store sqlite|postgresql|both (sqlite) --connections N (8) --messages N (20000)"
          + " --warmup N (4000) --mix basic|full (basic) --sqlite-sync FULL|NORMAL (FULL)\n"
          + "basic: ORM NW, ORM SC IP, ORM SC CM, ORU F per study; full adds SIU S12, DFT P03";

  private Hl7Bench() {}

  record Options(
      String store,
      int connections,
      int messages,
      int warmupMessages,
      Hl7BenchMessages.Mix mix,
      SqliteSync sqliteSync) {}

  static int run(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      return BenchCommand.usage("hl7", e, OPTIONS);
    }
    System.out.printf(
        Locale.ROOT,
        "radflow bench hl7: %d connections, %d messages (%s mix) after %d warm-up, %d cores,"
            + " Java %s%n",
        options.connections(),
        options.messages(),
        options.mix().name().toLowerCase(Locale.ROOT),
        options.warmupMessages(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    List<String> stores =
        options.store().equals("both") ? List.of("sqlite", "postgresql") : List.of(options.store());
    int failed = 0;
    for (String store : stores) {
      failed += measure(store, options);
    }
    return failed == 0 ? 0 : 1;
  }

  private static int measure(String storeName, Options options) throws Exception {
    StoreSettings settings =
        new StoreSettings(
            StoreSettings.DEFAULT_INLINE_LIMIT,
            StoreSettings.DEFAULT_HOLD_LIMIT,
            options.sqliteSync());
    Path blobs = Files.createTempDirectory("radflow-bench-blobs");
    AtomicLong deadLetters = new AtomicLong();
    try (BenchStores.Opened opened =
            storeName.equals("sqlite")
                ? BenchStores.sqlite(options.connections(), settings)
                : BenchStores.postgres(options.connections(), settings);
        Hl7Service hl7 =
            new Hl7Service(
                new Hl7Settings(
                    InetAddress.getLoopbackAddress(),
                    0,
                    options.connections() + 2,
                    64 * 1024,
                    Duration.ofSeconds(5),
                    StandardCharsets.UTF_8,
                    null,
                    // the bench's messages are a legacy sender's: the accession in FT1-23, SCH-27
                    java.util.Set.of("FT1-23", "SCH-27")),
                new StudyLifecycle(opened.stores().studies(), Clock.systemUTC()),
                opened.stores().studies(),
                new PatientUpdates(
                    opened.stores().studies(),
                    opened.stores().steps(),
                    opened.stores().recovery(),
                    opened.stores().patientUpdates(),
                    Clock.systemUTC()),
                // encrypted as serve keeps them: the raw messages carry demographics
                new EncryptingBlobStore(
                    new FileSystemBlobStore(blobs.resolve("data")),
                    LocalBlobKey.loadOrCreate(blobs.resolve("keys"))),
                (peer, header, raw, rejection, reason, accession) -> deadLetters.incrementAndGet(),
                new SimpleMeterRegistry(),
                Clock.systemUTC())) {
      hl7.listener().start();
      int port = hl7.listener().port();
      if (options.warmupMessages() > 0) {
        // the same work first, unmeasured, so the figure is not the JIT compiler's
        phase(
            port,
            "W" + System.currentTimeMillis() % 100_000 + "-",
            options.warmupMessages(),
            options);
      }
      Phase measured =
          phase(
              port, "M" + System.currentTimeMillis() % 100_000 + "-", options.messages(), options);
      System.out.println(measured.format(opened.label(), deadLetters.get()));
      return measured.failures() == 0 && deadLetters.get() == 0 ? 0 : 1;
    } finally {
      BenchStores.delete(blobs);
    }
  }

  /** What one phase measured. */
  record Phase(
      int connections,
      long sent,
      long failures,
      double seconds,
      long[] sortedNanos,
      String firstFailure) {

    String format(String label, long deadLetters) {
      long accepted = sent - failures;
      return String.format(
          Locale.ROOT,
          "%-32s %6d AA in %5.1fs = %6.0f messages/s   ACK p50 %6.2f ms   p99 %6.2f ms"
              + "   p99.9 %6.2f ms   not AA %d   dead letters %d%s",
          label,
          accepted,
          seconds,
          accepted / seconds,
          TransitionsBench.LatencyRecorder.millis(sortedNanos, 0.50),
          TransitionsBench.LatencyRecorder.millis(sortedNanos, 0.99),
          TransitionsBench.LatencyRecorder.millis(sortedNanos, 0.999),
          failures,
          deadLetters,
          firstFailure == null ? "" : "\nfirst answer that was not AA:\n" + firstFailure);
    }
  }

  /**
   * Frames every message first (outside the measurement), deals whole studies to the connections
   * round robin, and times from the first send to the last ACK.
   */
  private static Phase phase(int port, String prefix, int messages, Options options)
      throws Exception {
    int connections = options.connections();
    List<List<byte[]>> shares = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      shares.add(new ArrayList<>());
    }
    long studies = Math.max(1, messages / options.mix().templates.size());
    for (long n = 0; n < studies; n++) {
      shares.get((int) (n % connections)).addAll(Hl7BenchMessages.study(prefix + n, options.mix()));
    }
    List<MllpBenchSender> senders = new ArrayList<>();
    TransitionsBench.LatencyRecorder[] latencies =
        new TransitionsBench.LatencyRecorder[connections];
    ExecutorService threads = Executors.newFixedThreadPool(connections);
    try {
      for (int c = 0; c < connections; c++) {
        senders.add(new MllpBenchSender(port));
        latencies[c] = new TransitionsBench.LatencyRecorder();
      }
      long start = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        MllpBenchSender sender = senders.get(c);
        List<byte[]> share = shares.get(c);
        TransitionsBench.LatencyRecorder recorder = latencies[c];
        running.add(
            threads.submit(
                () -> {
                  sender.send(share, recorder);
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long sent = shares.stream().mapToLong(List::size).sum();
      long failures = senders.stream().mapToLong(s -> s.failures).sum();
      String firstFailure =
          senders.stream().map(s -> s.firstFailure).filter(f -> f != null).findFirst().orElse(null);
      return new Phase(
          connections,
          sent,
          failures,
          seconds,
          TransitionsBench.LatencyRecorder.merge(latencies),
          firstFailure);
    } finally {
      threads.shutdownNow();
      for (MllpBenchSender sender : senders) {
        sender.close();
      }
    }
  }

  private static Options parse(String[] args) {
    String store = "sqlite";
    int connections = 8;
    int messages = 20_000;
    int warmup = 4_000;
    Hl7BenchMessages.Mix mix = Hl7BenchMessages.Mix.BASIC;
    SqliteSync sqliteSync = SqliteSync.FULL;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--store" -> {
          store = value;
          if (!List.of("sqlite", "postgresql", "both").contains(store)) {
            throw new IllegalArgumentException("--store takes sqlite, postgresql or both");
          }
        }
        case "--connections" -> connections = positive(value, "--connections");
        case "--messages" -> messages = positive(value, "--messages");
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--mix" -> mix = Hl7BenchMessages.Mix.valueOf(value.toUpperCase(Locale.ROOT));
        case "--sqlite-sync" -> sqliteSync = SqliteSync.valueOf(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    return new Options(store, connections, messages, warmup, mix, sqliteSync);
  }

  private static int positive(String value, String option) {
    int n = Integer.parseInt(value);
    if (n < 1) {
      throw new IllegalArgumentException(option + " must be at least 1");
    }
    return n;
  }
}
