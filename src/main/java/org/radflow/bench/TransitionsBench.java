package org.radflow.bench;

import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.radflow.config.StoreSettings;
import org.radflow.db.SqliteSync;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.CreateResult;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyStore;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.study.BusinessKey;
import org.radflow.study.EntryKind;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.StudyId;
import org.radflow.study.TransitionType;
import org.radflow.tracing.Tracing;

/**
 * Drives studies from order to reconciliation through the real store with N concurrent clients and
 * reports committed commands per second and their latency. Every command is a full transaction:
 * study row, history entry, outbox row, idempotency row.
 */
final class TransitionsBench {

  /** The steps of every bench study after it is opened, from order to reconciliation. */
  static final List<TransitionType> MAIN_PATH =
      List.of(
          TransitionType.IDENTITY_VALIDATED,
          TransitionType.PROCEDURE_SCHEDULED,
          TransitionType.ACQUISITION_STARTED,
          TransitionType.ACQUISITION_COMPLETED,
          TransitionType.IMAGES_COMMITTED,
          TransitionType.REPORT_PRELIMINARY,
          TransitionType.REPORT_FINALISED,
          TransitionType.REPORT_PUBLISHED,
          TransitionType.CHARGE_SEEDED,
          TransitionType.CLAIM_SUBMITTED,
          TransitionType.CLAIM_ACCEPTED,
          TransitionType.FINANCIALLY_RECONCILED);

  static final String OPTIONS =
      "--store sqlite|postgresql|both (both) --clients N (8)"
          + " --warmup SECONDS (5) --duration SECONDS (20) --sqlite-sync FULL|NORMAL (FULL)"
          + " --tracing off|local|OTLP-TRACES-URL (off)";

  private TransitionsBench() {}

  record Options(
      List<String> stores,
      int clients,
      Duration warmup,
      Duration duration,
      SqliteSync sqliteSync,
      String tracing) {

    Options(
        List<String> stores,
        int clients,
        Duration warmup,
        Duration duration,
        SqliteSync sqliteSync) {
      this(stores, clients, warmup, duration, sqliteSync, "off");
    }
  }

  static int run(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      return BenchCommand.usage("transitions", e, OPTIONS);
    }
    System.out.printf(
        Locale.ROOT,
        "radflow bench transitions: %d clients, %ds warm-up, %ds measured, %d cores, Java %s%n",
        options.clients(),
        options.warmup().toSeconds(),
        options.duration().toSeconds(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    try (BenchTracing tracing = BenchTracing.open(options.tracing())) {
      System.out.println("  tracing: " + tracing.describe());
      for (String store : options.stores()) {
        Result result =
            store.equals("sqlite")
                ? sqlite(options, tracing.tracing())
                : postgres(options, tracing.tracing());
        System.out.println(result.format());
      }
      tracing.flush();
      System.out.println("  tracing: " + tracing.describe());
    }
    return 0;
  }

  private static Options parse(String[] args) {
    List<String> stores = List.of("sqlite", "postgresql");
    int clients = 8;
    Duration warmup = Duration.ofSeconds(5);
    Duration duration = Duration.ofSeconds(20);
    SqliteSync sqliteSync = SqliteSync.FULL;
    String tracing = "off";
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--store" -> {
          stores = "both".equals(value) ? stores : List.of(require(value, "--store"));
          if (!stores.stream().allMatch(s -> s.equals("sqlite") || s.equals("postgresql"))) {
            throw new IllegalArgumentException("--store takes sqlite, postgresql or both");
          }
          i++;
        }
        case "--clients" -> {
          clients = Integer.parseInt(require(value, "--clients"));
          i++;
        }
        case "--warmup" -> {
          warmup = Duration.ofSeconds(Long.parseLong(require(value, "--warmup")));
          i++;
        }
        case "--duration" -> {
          duration = Duration.ofSeconds(Long.parseLong(require(value, "--duration")));
          i++;
        }
        case "--sqlite-sync" -> {
          sqliteSync = SqliteSync.valueOf(require(value, "--sqlite-sync"));
          i++;
        }
        case "--tracing" -> {
          tracing = require(value, "--tracing");
          i++;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(stores, clients, warmup, duration, sqliteSync, tracing);
  }

  private static String require(String value, String option) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static Result sqlite(Options options, Tracing tracing) throws Exception {
    StoreSettings settings =
        new StoreSettings(
                StoreSettings.DEFAULT_INLINE_LIMIT,
                StoreSettings.DEFAULT_HOLD_LIMIT,
                options.sqliteSync())
            .withTracing(tracing);
    try (BenchStores.Opened opened = BenchStores.sqlite(options.clients(), settings)) {
      Result result =
          measure(
              opened.label(),
              options.clients(),
              options.warmup(),
              options.duration(),
              radflow(opened.stores().studies(), tracing));
      System.out.println(groups(opened.stores().database().commitCounts()));
      return result;
    }
  }

  private static Result postgres(Options options, Tracing tracing) throws Exception {
    try (BenchStores.Opened opened =
        BenchStores.postgres(options.clients(), StoreSettings.defaults().withTracing(tracing))) {
      Result result =
          measure(
              opened.label(),
              options.clients(),
              options.warmup(),
              options.duration(),
              radflow(opened.stores().studies(), tracing));
      System.out.println(groups(opened.stores().database().commitCounts()));
      return result;
    }
  }

  /** How the store grouped its commits, warm-up included: what group commit saved. */
  static String groups(org.radflow.db.CommitCounts counts) {
    return counts.transactions() == 0
        ? "  commit groups: none (each command committed alone)"
        : String.format(
            Locale.ROOT,
            "  commit groups: %d commands in %d transactions, %.2f per transaction",
            counts.commands(),
            counts.transactions(),
            counts.perTransaction());
  }

  /**
   * Warms up, then measures {@code options.clients()} clients driving studies through {@code
   * store}.
   */
  static Result measure(String label, StudyStore store, Options options) throws Exception {
    return measure(label, options.clients(), options.warmup(), options.duration(), radflow(store));
  }

  /**
   * Runs {@code driver} with {@code clients} threads, each driving study after study: first for
   * {@code warmup} (latencies discarded), then for {@code duration}, whose commands and latencies
   * are the result. Shared by every bench that drives studies the way this one does, so that they
   * are measured alike.
   */
  static Result measure(
      String label, int clients, Duration warmup, Duration duration, StudyDriver driver)
      throws Exception {
    AtomicLong sequence = new AtomicLong();
    runPhase(driver, clients, warmup, sequence);
    long start = System.nanoTime();
    LatencyRecorder[] recorders = runPhase(driver, clients, duration, sequence);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(label, clients, seconds, LatencyRecorder.merge(recorders));
  }

  /** Radflow's own path: each study opened and driven along {@link #MAIN_PATH} by the lifecycle. */
  static StudyDriver radflow(StudyStore store) {
    return radflow(store, Tracing.OFF);
  }

  /** {@link #radflow(StudyStore)}, each command a {@code radflow.commit} span of its own trace. */
  static StudyDriver radflow(StudyStore store, Tracing tracing) {
    StudyLifecycle lifecycle =
        new StudyLifecycle(store, Clock.systemUTC(), Metrics.globalRegistry, tracing);
    return (client, n, recorder, deadline) -> {
      long t0 = System.nanoTime();
      StudyId id = open(lifecycle, n);
      recorder.record(System.nanoTime() - t0);
      for (TransitionType type : MAIN_PATH) {
        if (System.nanoTime() >= deadline) {
          return;
        }
        long t = System.nanoTime();
        apply(lifecycle, id, type, n);
        recorder.record(System.nanoTime() - t);
      }
    };
  }

  private static LatencyRecorder[] runPhase(
      StudyDriver driver, int clients, Duration length, AtomicLong sequence) throws Exception {
    long deadline = System.nanoTime() + length.toNanos();
    LatencyRecorder[] recorders = new LatencyRecorder[clients];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int client = 0; client < clients; client++) {
        LatencyRecorder recorder = new LatencyRecorder();
        recorders[client] = recorder;
        int index = client;
        futures.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < deadline) {
                    driver.driveOneStudy(index, sequence.incrementAndGet(), recorder, deadline);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return recorders;
  }

  /** Opens the {@code n}th bench study, as an order would, and returns its id. */
  static StudyId open(StudyLifecycle lifecycle, long n) {
    Source source = new Source("bench", "msg-" + n);
    CreateResult created =
        lifecycle.open(
            new StudyDraft(
                new BusinessKey("BENCH", "ACC-" + n + "-" + System.nanoTime()),
                new PatientRef("BENCH", "P-" + (n % 10_000)),
                EntryKind.SCHEDULED,
                null,
                null,
                source,
                "bench",
                Map.of("modality", "CT", "procedure", "CT-HEAD"),
                List.of()));
    if (!(created instanceof CreateResult.Created c)) {
      throw new IllegalStateException("bench study was not created: " + created);
    }
    return c.study().id();
  }

  /** Applies one step of {@link #MAIN_PATH} to the {@code n}th bench study; it must commit. */
  static void apply(StudyLifecycle lifecycle, StudyId id, TransitionType type, long n) {
    ApplyResult result =
        lifecycle.apply(
            id,
            new TransitionDraft(
                type,
                type.name().toLowerCase(Locale.ROOT) + "-" + n,
                null,
                new Source("bench", "msg-" + n),
                "bench",
                Map.of("step", type.name()),
                type == TransitionType.REPORT_FINALISED
                    ? List.of(
                        new Reference("report-document", "blob://reports/" + n, "sha256:" + n))
                    : List.of()),
            null);
    if (!(result instanceof ApplyResult.Committed)) {
      throw new IllegalStateException(type + " was not committed: " + result);
    }
  }

  /** One measured run: its commands' latencies, sorted, over {@code seconds}. */
  record Result(String label, int clients, double seconds, long[] sortedLatencies) {

    long commands() {
      return sortedLatencies.length;
    }

    double perSecond() {
      return sortedLatencies.length / seconds;
    }

    double p50() {
      return percentile(0.50);
    }

    double p99() {
      return percentile(0.99);
    }

    String format() {
      long count = sortedLatencies.length;
      return String.format(
          Locale.ROOT,
          "%-32s %8d commands in %5.1fs = %8.0f transitions/s   p50 %6.2f ms   p99 %6.2f ms"
              + "   p99.9 %6.2f ms",
          label,
          count,
          seconds,
          count / seconds,
          percentile(0.50),
          percentile(0.99),
          percentile(0.999));
    }

    private double percentile(double p) {
      return LatencyRecorder.millis(sortedLatencies, p);
    }
  }

  /** Latencies of one client thread; merged once at the end. */
  static final class LatencyRecorder {
    private long[] values = new long[1 << 16];
    private int size;

    void record(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    /** The {@code p} quantile of sorted nanoseconds, in milliseconds; NaN when there are none. */
    static double millis(long[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
      return sorted[Math.max(0, index)] / 1e6;
    }

    static long[] merge(LatencyRecorder[] recorders) {
      int total = 0;
      for (LatencyRecorder r : recorders) {
        total += r.size;
      }
      long[] all = new long[total];
      int at = 0;
      for (LatencyRecorder r : recorders) {
        System.arraycopy(r.values, 0, all, at, r.size);
        at += r.size;
      }
      Arrays.sort(all);
      return all;
    }
  }
}
