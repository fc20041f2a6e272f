package org.radflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.radflow.config.StoreSettings;

/**
 * radflow's transitions against the physical reference, in one sitting: on one fresh database and
 * with the same clients, the {@link ReferenceWorkload} (hand-written JDBC, the same tables and row
 * texts, the same durability), then radflow's own path ({@link TransitionsBench#radflow}), then the
 * reference again, so that a drift of the machine during the sitting shows as a difference between
 * the two reference runs. Each phase warms up, then is measured the way {@code bench transitions}
 * measures. radflow is given as a ratio of the mean of the two reference runs.
 */
final class CompareBench {

  private static final String RADFLOW_COLOUR = "#0969da";
  private static final String REFERENCE_COLOUR = "#bc4c00";

  private CompareBench() {}

  /** One sitting's three phases, each measured over the same clients. */
  record Sitting(
      String store,
      int clients,
      TransitionsBench.Result referenceBefore,
      TransitionsBench.Result radflow,
      TransitionsBench.Result referenceAfter) {

    double referencePerSecond() {
      return (referenceBefore.perSecond() + referenceAfter.perSecond()) / 2;
    }

    double referenceP50() {
      return (referenceBefore.p50() + referenceAfter.p50()) / 2;
    }

    double referenceP99() {
      return (referenceBefore.p99() + referenceAfter.p99()) / 2;
    }

    String ratios() {
      return String.format(
          Locale.ROOT,
          "  radflow / reference (mean of %.0f and %.0f steps/s): throughput %.2f×,"
              + " p50 %.2f×, p99 %.2f× (latency: above 1 is slower)",
          referenceBefore.perSecond(),
          referenceAfter.perSecond(),
          radflow.perSecond() / referencePerSecond(),
          radflow.p50() / referenceP50(),
          radflow.p99() / referenceP99());
    }
  }

  static int run(String[] args) throws Exception {
    CompareBenchOptions options;
    try {
      options = CompareBenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      return BenchCommand.usage("compare", e, CompareBenchOptions.USAGE);
    }
    System.out.printf(
        Locale.ROOT,
        "radflow bench compare: clients %s, each phase %ds warm-up then %ds measured,"
            + " %d cores, Java %s%n",
        options.clients(),
        options.warmup().toSeconds(),
        options.duration().toSeconds(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (String store : options.stores()) {
      List<Sitting> sittings = new ArrayList<>();
      for (int clients : options.clients()) {
        try (BenchStores.Opened opened = open(store, clients)) {
          sittings.add(sitting(opened, store, clients, options.warmup(), options.duration()));
        }
      }
      if (options.clients().size() > 1) {
        write(options.plotFile(store), chart(store, sittings, options));
        write(options.csvFile(store), csv(sittings));
        System.out.println(
            "plot: " + options.plotFile(store) + "   figures: " + options.csvFile(store));
      }
    }
    return 0;
  }

  private static BenchStores.Opened open(String store, int clients) throws Exception {
    return store.equals("sqlite")
        ? BenchStores.sqlite(clients, StoreSettings.defaults())
        : BenchStores.postgres(clients, StoreSettings.defaults());
  }

  /**
   * One sitting on {@code opened}, a fresh store: the shapes of radflow's rows are probed, then
   * reference, radflow and reference run in turn, each printed as it ends.
   */
  static Sitting sitting(
      BenchStores.Opened opened, String store, int clients, Duration warmup, Duration duration)
      throws Exception {
    CommandShapes shapes =
        CommandShapes.probe(opened.stores().studies(), opened.stores().database());
    try (ReferenceWorkload reference =
        ReferenceWorkload.open(
            opened.location(), opened.stores().database().dialect(), clients, shapes)) {
      System.out.printf(Locale.ROOT, "%n%s, %d clients%n", opened.label(), clients);
      System.out.println("  reference: " + reference.describe());
      System.out.println("  rows " + shapes.sizes());
      TransitionsBench.Result before =
          TransitionsBench.measure("reference", clients, warmup, duration, reference);
      System.out.println(line("reference (before)", before));
      TransitionsBench.Result radflow =
          TransitionsBench.measure(
              "radflow",
              clients,
              warmup,
              duration,
              TransitionsBench.radflow(opened.stores().studies()));
      System.out.println(line("radflow", radflow));
      System.out.println(TransitionsBench.groups(opened.stores().database().commitCounts()));
      TransitionsBench.Result after =
          TransitionsBench.measure("reference", clients, warmup, duration, reference);
      System.out.println(line("reference (after)", after));
      Sitting sitting = new Sitting(store, clients, before, radflow, after);
      System.out.println(sitting.ratios());
      return sitting;
    }
  }

  private static String line(String phase, TransitionsBench.Result result) {
    return String.format(
        Locale.ROOT,
        "  %-20s %8d commands in %5.1fs = %7.0f steps/s   p50 %6.2f ms   p99 %6.2f ms",
        phase,
        result.commands(),
        result.seconds(),
        result.perSecond(),
        result.p50(),
        result.p99());
  }

  /** Every phase of every sitting, one row each. */
  static String csv(List<Sitting> sittings) {
    StringBuilder csv =
        new StringBuilder("store,clients,phase,commands,seconds,steps_per_s,p50_ms,p99_ms\n");
    for (Sitting s : sittings) {
      csvRow(csv, s, "reference-before", s.referenceBefore());
      csvRow(csv, s, "radflow", s.radflow());
      csvRow(csv, s, "reference-after", s.referenceAfter());
    }
    return csv.toString();
  }

  private static void csvRow(
      StringBuilder csv, Sitting s, String phase, TransitionsBench.Result result) {
    csv.append(
        String.format(
            Locale.ROOT,
            "%s,%d,%s,%d,%.3f,%.1f,%.3f,%.3f%n",
            s.store(),
            s.clients(),
            phase,
            result.commands(),
            result.seconds(),
            result.perSecond(),
            result.p50(),
            result.p99()));
  }

  static String chart(String store, List<Sitting> sittings, CompareBenchOptions options) {
    List<String> labels = sittings.stream().map(s -> Integer.toString(s.clients())).toList();
    String reference = "reference (mean of 2 runs)";
    SweepChart.Panel throughput =
        new SweepChart.Panel(
            "Throughput",
            "steps/s",
            List.of(
                new SweepChart.Series(
                    "radflow",
                    RADFLOW_COLOUR,
                    sittings.stream().map(s -> s.radflow().perSecond()).toList()),
                new SweepChart.Series(
                    reference,
                    REFERENCE_COLOUR,
                    sittings.stream().map(Sitting::referencePerSecond).toList())));
    SweepChart.Panel p99 =
        new SweepChart.Panel(
            "Latency, 99th percentile",
            "ms",
            List.of(
                new SweepChart.Series(
                    "radflow",
                    RADFLOW_COLOUR,
                    sittings.stream().map(s -> s.radflow().p99()).toList()),
                new SweepChart.Series(
                    reference,
                    REFERENCE_COLOUR,
                    sittings.stream().map(Sitting::referenceP99).toList())));
    String title =
        String.format(
            Locale.ROOT,
            "radflow vs hand-written JDBC, %s (%ds per phase, %d cores)",
            store,
            options.duration().toSeconds(),
            Runtime.getRuntime().availableProcessors());
    return SweepChart.svg(title, "clients", labels, List.of(throughput, p99));
  }

  private static void write(Path file, String content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, content);
  }
}
