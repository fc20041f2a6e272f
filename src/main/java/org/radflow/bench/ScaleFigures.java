package org.radflow.bench;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * What {@code radflow bench scale} found, printed as one table: the store's rows and size, how it
 * was loaded, each read's latency, the transitions' throughput, and the process's memory.
 */
record ScaleFigures(
    String label,
    ScaleFigures.Rows rows,
    long databaseBytes,
    String load,
    List<ScaleReads.Timed> reads,
    TransitionsBench.Result transitions,
    ScaleMemory.Reading duringLoad,
    ScaleMemory.Reading afterLoad,
    ScaleMemory.Reading duringMeasure,
    long memorySamples,
    String loadAverage) {

  /** Rows in the tables the load writes, and the studies' distinct patients. */
  record Rows(
      long studies, long patients, long history, long outbox, long steps, long idempotencyKeys) {}

  static Rows rows(BenchStores.Location location) throws SQLException {
    try (Connection c = connect(location);
        Statement s = c.createStatement()) {
      return new Rows(
          count(s, "select count(*) from study"),
          count(
              s,
              "select count(*) from (select distinct patient_authority, patient_id from study) p"),
          count(s, "select count(*) from study_history"),
          count(s, "select count(*) from outbox"),
          count(s, "select count(*) from step"),
          count(s, "select count(*) from idempotency_key"));
    }
  }

  /**
   * The database's size on disk: on PostgreSQL every table of the store's schema with its indexes
   * and TOAST ({@code pg_total_relation_size}); on SQLite the file and its write-ahead log.
   */
  static long databaseBytes(BenchStores.Location location) throws SQLException {
    if (location.url().startsWith("jdbc:sqlite:")) {
      String file = location.url().substring("jdbc:sqlite:".length()).replaceFirst("\\?.*", "");
      return new File(file).length() + new File(file + "-wal").length();
    }
    try (Connection c = connect(location);
        Statement s = c.createStatement()) {
      return count(
          s,
          "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join"
              + " pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema()"
              + " and c.relkind = 'r'");
    }
  }

  static long count(BenchStores.Location location, String query) throws SQLException {
    try (Connection c = connect(location);
        Statement s = c.createStatement()) {
      return count(s, query);
    }
  }

  /** Seconds since {@code startedNanos}, with minutes for the long ones. */
  static String seconds(long startedNanos) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    return String.format(
        Locale.ROOT, "%.1f s (%dm%02ds)", seconds, (long) seconds / 60, (long) seconds % 60);
  }

  static void print(ScaleFigures f) {
    Rows r = f.rows();
    double studies = Math.max(1, r.studies());
    System.out.println();
    System.out.println("| " + f.label() + " | figure |");
    System.out.println("|---|---:|");
    row("studies", String.format(Locale.ROOT, "%,d (%,d patients)", r.studies(), r.patients()));
    row(
        "rows per study: history, outbox, steps, idempotency keys",
        String.format(
            Locale.ROOT,
            "%.2f, %.3f, %.2f, %.2f",
            r.history() / studies,
            r.outbox() / studies,
            r.steps() / studies,
            r.idempotencyKeys() / studies));
    row("load", f.load());
    row(
        "database size",
        String.format(
            Locale.ROOT,
            "%s, %,.0f bytes per study",
            ScaleMemory.mebibytes(f.databaseBytes()),
            f.databaseBytes() / studies));
    for (ScaleReads.Timed t : f.reads()) {
      row(
          t.what() + " p50 / p99 ms (" + t.sortedNanos().length + ")",
          String.format(
                  Locale.ROOT,
                  "%.2f / %.2f",
                  TransitionsBench.LatencyRecorder.millis(t.sortedNanos(), 0.50),
                  TransitionsBench.LatencyRecorder.millis(t.sortedNanos(), 0.99))
              + (t.note().isEmpty() ? "" : " " + t.note()));
    }
    long[] latencies = f.transitions().sortedLatencies();
    row(
        "transitions/s, " + f.transitions().clients() + " clients (p50 / p99 ms)",
        String.format(
            Locale.ROOT,
            "%.0f (%.2f / %.2f)",
            latencies.length / f.transitions().seconds(),
            TransitionsBench.LatencyRecorder.millis(latencies, 0.50),
            TransitionsBench.LatencyRecorder.millis(latencies, 0.99)));
    row("heap used, max during the load", ScaleMemory.mebibytes(f.duringLoad().heapUsed()));
    row("heap used after the load (after a GC)", ScaleMemory.mebibytes(f.afterLoad().heapUsed()));
    row(
        "heap used, max during the measurement",
        ScaleMemory.mebibytes(f.duringMeasure().heapUsed()));
    row(
        "RSS, max during the load / during the measurement",
        ScaleMemory.mebibytes(f.duringLoad().rss())
            + " / "
            + ScaleMemory.mebibytes(f.duringMeasure().rss()));
    row(
        "memory samples (every " + ScaleMemory.INTERVAL_MILLIS + " ms)",
        Long.toString(f.memorySamples()));
    row("load average at the end", f.loadAverage());
  }

  private static void row(String what, String figure) {
    System.out.println("| " + what + " | " + figure + " |");
  }

  private static Connection connect(BenchStores.Location location) throws SQLException {
    return DriverManager.getConnection(location.url(), location.user(), location.password());
  }

  private static long count(Statement s, String query) throws SQLException {
    try (ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }
}
