package org.radflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.radflow.config.StoreSettings;
import org.radflow.lifecycle.StudyReads;
import org.radflow.study.EndToEndStatus;

/**
 * {@code radflow bench scale}: radflow with a long history in its store. Loads it ({@link
 * ScaleLoad}: a seed through radflow, copies in SQL, up to a million studies and more), reads
 * copies back ({@link ConsoleCopyCheck}), then measures with radflow's own store code on it: a
 * study by id and by accession, searches by status and by patient ({@link ScaleReads}), transitions
 * per second while the history is there ({@link TransitionsBench}'s measure), the process's heap
 * and RSS throughout ({@link ScaleMemory}), and the database's size per study. The transitions
 * measured open studies of their own; they are removed afterwards, so a kept store stays as loaded.
 */
final class ScaleBench {

  private static final String KEPT_SCHEMA = "bench_scale";

  /** Random lookups before the timed ones, so the first of them do not time a cold start. */
  private static final int WARMUP_LOOKUPS = 200;

  private ScaleBench() {}

  static int run(String[] args) throws Exception {
    ScaleBenchOptions options;
    try {
      options = ScaleBenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      return BenchCommand.usage("scale", e, ScaleBenchOptions.USAGE);
    }
    try (ScaleMemory memory = ScaleMemory.sample();
        BenchStores.Opened opened = open(options)) {
      System.out.printf(
          Locale.ROOT,
          "radflow bench scale: %s, %d studies (%d seed), max heap %s, %d cores, Java %s,"
              + " load average %s%n",
          opened.label(),
          options.studies(),
          options.seedStudies(),
          ScaleMemory.mebibytes(Runtime.getRuntime().maxMemory()),
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          loadAverage());
      long present = ScaleFigures.count(opened.location(), "select count(*) from study");
      if (present > options.studies()) {
        System.err.printf(
            "radflow bench scale: the kept database holds %d studies, more than --studies %d;"
                + " ask for %d or remove it%n",
            present, options.studies(), present);
        return 2;
      }
      long loadStarted = System.nanoTime();
      String load;
      Instant retainedSince;
      if (present == options.studies()) {
        System.out.println("reusing the kept database: it holds the " + present + " studies");
        System.out.println(ScaleLoad.finishIndexes(opened.location()));
        ScaleLoad.Retained retained =
            ScaleLoad.retain(opened.stores().outboxOperations(), options.retention());
        System.out.println(retained.format());
        retainedSince = retained.cutoff();
        load = "kept (" + present + " studies)";
      } else {
        retainedSince = ScaleLoad.load(opened, options, present);
        load = ScaleFigures.seconds(loadStarted) + " (from " + present + " studies)";
      }
      System.out.println("load: " + load);
      StudyReads reads = opened.stores().studies();
      int checked = ConsoleCopyCheck.check(opened.location(), reads, retainedSince);
      System.out.println(
          "read "
              + checked
              + " copied studies back through radflow: each its own accession, history, keys and"
              + " its newest events");
      ScaleFigures.Rows rows = ScaleFigures.rows(opened.location());
      long bytes = ScaleFigures.databaseBytes(opened.location());
      ScaleMemory.Reading duringLoad = memory.max();
      System.gc(); // what the load left live, not the garbage it made
      ScaleMemory.Reading afterLoad = ScaleMemory.Reading.now();
      memory.restart();
      System.out.println("memory during the load (max): " + duringLoad.format());
      System.out.println("memory after the load (after a GC): " + afterLoad.format());

      List<ScaleReads.Timed> timed = measureReads(opened, options);
      TransitionsBench.Result transitions =
          TransitionsBench.measure(
              opened.label(),
              opened.stores().studies(),
              new TransitionsBench.Options(
                  List.of(options.store()),
                  options.clients(),
                  options.warmup(),
                  options.duration(),
                  StoreSettings.defaults().sqliteSync()));
      ScaleMemory.Reading duringMeasure = memory.max();
      System.out.println(
          "removed the transitions' own "
              + ScaleLoad.removeTransitionStudies(opened.location())
              + " studies");
      ScaleFigures.print(
          new ScaleFigures(
              opened.label(),
              rows,
              bytes,
              load,
              timed,
              transitions,
              duringLoad,
              afterLoad,
              duringMeasure,
              memory.samples(),
              loadAverage()));
    }
    return 0;
  }

  private static List<ScaleReads.Timed> measureReads(
      BenchStores.Opened opened, ScaleBenchOptions options) throws SQLException {
    StudyReads reads = opened.stores().studies();
    List<ScaleReads.Sample> drawn =
        ScaleReads.randomStudies(opened.location(), WARMUP_LOOKUPS + options.samples());
    int measured = Math.min(options.samples(), drawn.size());
    // the warm-up's studies are others than the measured ones, but on a small store
    ScaleReads.byId(reads, drawn.subList(0, Math.max(drawn.size() - measured, measured)));
    List<ScaleReads.Sample> samples = drawn.subList(drawn.size() - measured, drawn.size());
    List<ScaleReads.Timed> timed = new ArrayList<>();
    timed.add(ScaleReads.byId(reads, samples));
    timed.add(ScaleReads.byAccession(reads, samples));
    for (EndToEndStatus.Kind status : EndToEndStatus.Kind.values()) {
      timed.add(ScaleReads.byStatus(reads, status, options.searches()));
    }
    timed.add(
        ScaleReads.byPatient(
            reads, samples.subList(0, Math.min(options.searches(), samples.size()))));
    for (ScaleReads.Timed t : timed) {
      System.out.println(t.format());
    }
    return timed;
  }

  private static BenchStores.Opened open(ScaleBenchOptions options) throws Exception {
    return BenchStores.open(
        options.store(),
        options.keep(),
        options.keptSqliteFile(),
        KEPT_SCHEMA,
        options.clients() + 2,
        StoreSettings.defaults());
  }

  /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException e) {
      return "n/a";
    }
  }
}
