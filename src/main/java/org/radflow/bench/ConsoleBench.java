package org.radflow.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.radflow.RadflowApplication;
import org.radflow.access.Role;
import org.radflow.access.Users;
import org.radflow.config.StoreSettings;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.study.BusinessKey;
import org.radflow.study.StudyId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code radflow bench console}: how long each console page takes to render with many studies in
 * the store. Loads the seed studies through radflow ({@link ConsoleLoad}), copies them inside the
 * database up to the count asked ({@link ConsoleCopy}) and reads copies back ({@link
 * ConsoleCopyCheck}), starts radflow on that database with nothing that moves them (no step engine,
 * no relay, no MLLP listener), signs in through the form as a user with every role, and asks for
 * each page as a browser would, one request at a time. A page answering other than 200 is printed
 * with its status, never left out.
 */
final class ConsoleBench {

  /**
   * The pages measured, as the console serves them; {@code {accession}} and {@code {study}} stand
   * for one loaded, complete study's accession number and id.
   */
  static final List<String> PAGES =
      List.of(
          "/console",
          "/console/overview/live",
          "/console/overview/charts",
          "/console/studies",
          "/console/studies?accession={accession}",
          "/console/studies?status=IN_EXCEPTION",
          "/console/studies?trackState=IMAGING:IMAGES_COMMITTED",
          "/console/studies?service=national-record",
          "/console/studies?olderThanHours=48",
          "/console/studies/{study}",
          "/console/exceptions",
          "/console/services",
          "/console/services/national-record",
          "/console/dead-letters",
          "/console/outbox",
          "/console/audit",
          "/console/audit?action=RESOLVE");

  private static final String KEPT_SCHEMA = "bench_console";

  private ConsoleBench() {}

  static int run(String[] args) throws Exception {
    ConsoleBenchOptions options;
    try {
      options = ConsoleBenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      return BenchCommand.usage("console", e, ConsoleBenchOptions.USAGE);
    }
    try (BenchStores.Opened opened = open(options)) {
      System.out.printf(
          Locale.ROOT,
          "radflow bench console: %s, %d studies (%d seed), %d requests per page, %d cores,"
              + " Java %s%n",
          opened.label(),
          options.studies(),
          options.seedStudies(),
          options.requests(),
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      long present = countStudies(opened.location());
      if (present > options.studies()) {
        System.err.printf(
            "radflow bench console: the kept database holds %d studies, more than --studies %d;"
                + " ask for %d or remove it%n",
            present, options.studies(), present);
        return 2;
      }
      if (present == options.studies()) {
        System.out.println("reusing the kept database: it holds the " + present + " studies");
      } else {
        load(opened, options, present);
      }
      System.out.println(ConsoleSettle.settle(opened.location()).format());
      int checked = ConsoleCopyCheck.check(opened.location(), opened.stores().studies());
      if (checked > 0) {
        System.out.println(
            "read "
                + checked
                + " copied studies back through radflow: each its own accession, history, keys"
                + " and events");
      }
      int sample = Math.min(ConsoleLoad.SAMPLE, options.seedStudies() - 1);
      String accession = ConsoleLoad.accession(sample);
      StudyId study =
          opened
              .stores()
              .studies()
              .idOf(new BusinessKey(ConsoleLoad.AUTHORITY, accession))
              .orElseThrow(() -> new IllegalStateException("study " + accession + " not loaded"));
      List<String> pages =
          options.pages().stream()
              .map(p -> p.replace("{accession}", accession).replace("{study}", study.toString()))
              .toList();
      measure(opened.location(), pages, options);
    }
    return 0;
  }

  /**
   * Loads the seed studies through the lifecycle (unless a kept store already holds copies), then
   * copies them in the database up to {@code --studies}.
   */
  private static void load(BenchStores.Opened opened, ConsoleBenchOptions options, long present)
      throws Exception {
    long seeds = ConsoleCopy.seeds(opened.location());
    if (present > seeds) {
      System.out.println(
          "the kept database holds "
              + present
              + " studies, copies of "
              + seeds
              + " seed studies; copying on from those");
    } else if (present < options.seedStudies()) {
      if (present > 0) {
        System.out.println("the kept database holds " + present + " studies; loading the rest");
      }
      StudyLifecycle lifecycle = new StudyLifecycle(opened.stores().studies(), Clock.systemUTC());
      System.out.println(
          ConsoleLoad.load(lifecycle, options.seedStudies(), options.clients()).format());
    }
    if (options.studies() > options.seedStudies() || present > seeds) {
      System.out.println(ConsoleCopy.grow(opened.location(), options.studies()).format());
    }
  }

  private static BenchStores.Opened open(ConsoleBenchOptions options) throws Exception {
    return BenchStores.open(
        options.store(),
        options.keep(),
        options.keptSqliteFile(),
        KEPT_SCHEMA,
        options.clients() + 2,
        StoreSettings.defaults());
  }

  private static long countStudies(BenchStores.Location location) throws Exception {
    try (Connection c =
            DriverManager.getConnection(location.url(), location.user(), location.password());
        Statement s = c.createStatement();
        ResultSet count = s.executeQuery("select count(*) from study")) {
      count.next();
      return count.getLong(1);
    }
  }

  private static void measure(
      BenchStores.Location location, List<String> pages, ConsoleBenchOptions options)
      throws Exception {
    Path home = Files.createTempDirectory("radflow-bench-console");
    try (ConfigurableApplicationContext radflow = start(location, home)) {
      String user = "bench-console-" + System.currentTimeMillis();
      String password =
          radflow
              .getBean(Users.class)
              .create(user, Role.all(), null, "radflow bench console")
              .generatedPassword();
      URI base =
          URI.create(
              "http://127.0.0.1:" + radflow.getEnvironment().getProperty("local.server.port"));
      BrowserSession browser = BrowserSession.signIn(base, user, password);
      System.out.printf(
          Locale.ROOT,
          "%-64s %6s %9s %9s %9s %9s%n",
          "page (GET, Accept: text/html)",
          "status",
          "bytes",
          "p50 ms",
          "p99 ms",
          "max ms");
      for (String page : pages) {
        System.out.println(measurePage(browser, page, options));
      }
    } finally {
      BenchStores.delete(home);
    }
  }

  /** radflow serving HTTP on a free loopback port over {@code location}, nothing else running. */
  private static ConfigurableApplicationContext start(BenchStores.Location location, Path home) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--radflow.home=" + home,
                "--radflow.db.url=" + location.url(),
                "--radflow.orchestration.enabled=false",
                "--radflow.outbox.relay=false",
                "--radflow.mllp.enabled=false",
                "--logging.level.root=WARN"));
    if (location.user() != null) {
      args.add("--radflow.db.user=" + location.user());
      args.add("--radflow.db.password=" + location.password());
    }
    return new SpringApplicationBuilder(RadflowApplication.class).run(args.toArray(String[]::new));
  }

  private static String measurePage(BrowserSession browser, String page, ConsoleBenchOptions o)
      throws Exception {
    for (int i = 0; i < o.warmup(); i++) {
      browser.get(page);
    }
    long[] nanos = new long[o.requests()];
    Set<Integer> statuses = new TreeSet<>();
    BrowserSession.Answer last = null;
    for (int i = 0; i < nanos.length; i++) {
      long t0 = System.nanoTime();
      last = browser.get(page);
      nanos[i] = System.nanoTime() - t0;
      statuses.add(last.status());
    }
    Arrays.sort(nanos);
    String status = String.join("/", statuses.stream().map(String::valueOf).toList());
    String note =
        statuses.equals(Set.of(200))
            ? ""
            : "   <- not 200" + (last.location() == null ? "" : ": to " + last.location());
    return String.format(
        Locale.ROOT,
        "%-64s %6s %9d %9.1f %9.1f %9.1f%s",
        page,
        status,
        last.bytes(),
        TransitionsBench.LatencyRecorder.millis(nanos, 0.50),
        TransitionsBench.LatencyRecorder.millis(nanos, 0.99),
        nanos[nanos.length - 1] / 1e6,
        note);
  }
}
