package org.radflow.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.events.EventBackbone;
import org.radflow.events.RelaySettings;
import org.radflow.study.BusinessKey;
import org.radflow.study.EntryKind;
import org.radflow.study.NewStudy;
import org.radflow.study.PatientRef;
import org.radflow.study.Source;
import org.radflow.study.StudyId;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

/**
 * Publication to Kafka: commit-to-publication latency at a steady commit rate, then the drain rate
 * of a backlog built while the relay was stopped (an outage). Needs a broker: {@code --bootstrap}.
 */
final class EventsBench {

  static final String OPTIONS =
      "--bootstrap HOST:PORT (RADFLOW_KAFKA_BOOTSTRAP; required) --store sqlite|postgresql"
          + " (postgresql) --rate PER_SECOND (1000) --duration SECONDS (30) --backlog N (20000)";

  private EventsBench() {}

  static int run(String[] args) throws Exception {
    String store = "postgresql";
    String bootstrap = System.getenv("RADFLOW_KAFKA_BOOTSTRAP");
    int rate = 1000;
    int seconds = 30;
    int backlog = 20_000;
    try {
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        switch (args[i]) {
          case "--store" -> store = args[i + 1];
          case "--bootstrap" -> bootstrap = args[i + 1];
          case "--rate" -> rate = Integer.parseInt(args[i + 1]);
          case "--duration" -> seconds = Integer.parseInt(args[i + 1]);
          case "--backlog" -> backlog = Integer.parseInt(args[i + 1]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (IllegalArgumentException e) {
      return BenchCommand.usage("events", e, OPTIONS);
    }
    if (bootstrap == null || bootstrap.isBlank()) {
      System.err.println("radflow bench events needs a broker: --bootstrap host:port");
      return 2;
    }
    StoreSettings settings = StoreSettings.defaults();
    try (BenchStores.Opened opened =
        store.equals("sqlite")
            ? BenchStores.sqlite(16, settings)
            : BenchStores.postgres(16, settings)) {
      Stores db = opened.stores();
      List<StudyId> studies = studies(db, 500);
      String topic = "radflow.bench." + UUID.randomUUID();
      createTopic(bootstrap, topic);
      System.out.printf(
          Locale.ROOT,
          "store %s, broker %s, topic %s (6 partitions)%n",
          opened.label(),
          bootstrap,
          topic);
      steady(db, bootstrap, topic, studies, rate, seconds);
      drain(db, bootstrap, topic, studies, backlog);
    }
    return 0;
  }

  private static void steady(
      Stores db, String bootstrap, String topic, List<StudyId> studies, int rate, int seconds)
      throws Exception {
    try (EventBackbone warmup = backbone(db, bootstrap, topic, new SimpleMeterRegistry())) {
      warmup.start();
      write(db, studies, rate, Duration.ofSeconds(5));
      awaitEmpty(db, Duration.ofMinutes(2));
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (EventBackbone backbone = backbone(db, bootstrap, topic, meters)) {
      backbone.start();
      long start = System.nanoTime();
      long committed = write(db, studies, rate, Duration.ofSeconds(seconds));
      double took = (System.nanoTime() - start) / 1e9;
      awaitEmpty(db, Duration.ofMinutes(2));
      Timer latency = meters.find("radflow.outbox.publish.latency").timer();
      System.out.printf(
          Locale.ROOT,
          "steady: %d events committed in %.1fs (%.0f/s offered %d/s), commit-to-publication"
              + " p50 %s p99 %s max %.1f ms%n",
          committed,
          took,
          committed / took,
          rate,
          percentile(latency, 0.5),
          percentile(latency, 0.99),
          latency.max(TimeUnit.MILLISECONDS));
    }
  }

  private static void drain(
      Stores db, String bootstrap, String topic, List<StudyId> studies, int backlog)
      throws Exception {
    write(db, studies, Integer.MAX_VALUE, backlog); // the relay is down: the outbox grows
    long waiting = db.outboxOperations().outboxStatus(Instant.now()).backlog();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    long start = System.nanoTime();
    try (EventBackbone backbone = backbone(db, bootstrap, topic, meters)) {
      backbone.start();
      awaitEmpty(db, Duration.ofMinutes(10));
    }
    double took = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "drain: %d events waiting when the relay came back, published in %.1fs = %.0f events/s%n",
        waiting,
        took,
        waiting / took);
  }

  private static void createTopic(String bootstrap, String topic) throws Exception {
    try (var admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap))) {
      admin
          .createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 6, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static EventBackbone backbone(
      Stores db, String bootstrap, String topic, SimpleMeterRegistry meters) {
    return new EventBackbone(
        db.outbox(),
        db.outboxOperations(),
        db.audit(),
        bootstrap,
        topic,
        Clock.systemUTC(),
        RelaySettings.defaults("bench-relay"),
        Duration.ofDays(7),
        1000,
        meters,
        org.radflow.tracing.Tracing.OFF);
  }

  private static String percentile(Timer timer, double p) {
    for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
      if (v.percentile() == p) {
        return String.format(Locale.ROOT, "%.1f ms", v.value(TimeUnit.MILLISECONDS));
      }
    }
    return "n/a";
  }

  /** Commits transitions at {@code rate} per second for {@code duration}; returns how many. */
  private static long write(Stores db, List<StudyId> studies, int rate, Duration duration)
      throws Exception {
    long total = rate == Integer.MAX_VALUE ? Long.MAX_VALUE : (long) rate * duration.toSeconds();
    return write(db, studies, rate, total, duration);
  }

  /** Commits {@code count} transitions as fast as 8 writers can. */
  private static long write(Stores db, List<StudyId> studies, int rate, int count)
      throws Exception {
    return write(db, studies, rate, count, Duration.ofHours(1));
  }

  private static long write(Stores db, List<StudyId> studies, int rate, long count, Duration limit)
      throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    long end = start + limit.toNanos();
    double interval = rate == Integer.MAX_VALUE ? 0 : 1e9 / rate;
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      done.add(
          pool.submit(
              () -> {
                for (long n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                  long due = start + (long) (n * interval);
                  long now = System.nanoTime();
                  if (now > end) {
                    break;
                  }
                  if (due > now) {
                    Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
                  }
                  StudyId study = studies.get((int) (n % studies.size()));
                  Instant at = Instant.now();
                  String key = "bench-" + UUID.randomUUID();
                  db.studies()
                      .apply(
                          study,
                          new Transition(
                              TransitionType.STEP_COMPLETED,
                              key,
                              at,
                              at,
                              new Source("bench", key),
                              "bench",
                              Map.of("step", key, "kind", "CREATE_WORKLIST_ENTRY"),
                              List.of()),
                          null);
                }
                return null;
              }));
    }
    for (var f : done) {
      f.get();
    }
    pool.shutdown();
    return Math.min(next.get(), count);
  }

  private static List<StudyId> studies(Stores db, int count) {
    List<StudyId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StudyId id = new StudyId(UUID.randomUUID());
      Instant now = Instant.now();
      db.studies()
          .create(
              new NewStudy(
                  id,
                  new BusinessKey("EVB", "ACC-" + id),
                  new PatientRef("BENCH", "P-" + i),
                  EntryKind.SCHEDULED,
                  null,
                  now,
                  now,
                  new Source("bench", "order-" + i),
                  "bench",
                  Map.of(),
                  List.of()));
      ids.add(id);
    }
    return ids;
  }

  private static void awaitEmpty(Stores db, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (db.outboxOperations().outboxStatus(Instant.now()).backlog() > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
