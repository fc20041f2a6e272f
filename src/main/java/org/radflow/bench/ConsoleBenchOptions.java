package org.radflow.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The options of {@code radflow bench console}, as given on the command line.
 *
 * @param seed how many of the studies are loaded through radflow; the rest are copies of them
 * @param pages the paths to measure; {@link ConsoleBench#PAGES} unless {@code --pages} names others
 * @param db with {@code --keep} on SQLite, the database file; null for the default under home
 */
record ConsoleBenchOptions(
    String store,
    int studies,
    int seed,
    int clients,
    int requests,
    int warmup,
    boolean keep,
    Path db,
    List<String> pages) {

  static final String USAGE =
      "--store sqlite|postgresql (postgresql) --studies N (100000) --seed N (2000: studies"
          + " loaded through radflow's lifecycle; the rest are copies of these made by SQL inside"
          + " the database, each a study of its own: fresh ids, accession, order numbers and"
          + " idempotency keys suffixed -C<copy>, patients -C1..-C20, every row (study, history,"
          + " idempotency keys, steps with fresh ids, outbox with radflow's event ids and"
          + " partitions) and its JSON rewritten to match, instants moved back 0-4 whole days;"
          + " copies are read back through radflow and the bench stops on any mismatch; the pages"
          + " then query real row counts of real row shapes) --clients N (8: parallel"
          + " loaders) --requests K (30 per page) --warmup K (5 per page) --pages PATH,PATH (the"
          + " console's pages; {accession} and {study} stand for a loaded study's)"
          + " --keep (reuse a loaded database: PostgreSQL schema bench_console, SQLite"
          + " $RADFLOW_HOME/bench-console.db, RADFLOW_HOME default ./data) --db FILE (with --keep"
          + " on SQLite: this file instead)";

  ConsoleBenchOptions {
    if (!store.equals("sqlite") && !store.equals("postgresql")) {
      throw new IllegalArgumentException("--store is sqlite or postgresql, was " + store);
    }
    if (studies < 1 || seed < 1 || clients < 1 || requests < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "--studies, --seed, --clients and --requests are at least 1, --warmup at least 0");
    }
    if (db != null && !(keep && store.equals("sqlite"))) {
      throw new IllegalArgumentException("--db names the SQLite file kept with --keep");
    }
    for (String page : pages) {
      if (!page.startsWith("/")) {
        throw new IllegalArgumentException("a page is a path beginning with /, was " + page);
      }
    }
    pages = List.copyOf(pages);
  }

  static ConsoleBenchOptions parse(String[] args) {
    String store = "postgresql";
    int studies = 100_000;
    int seed = 2_000;
    int clients = 8;
    int requests = 30;
    int warmup = 5;
    boolean keep = false;
    Path db = null;
    List<String> pages = ConsoleBench.PAGES;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--keep")) {
        keep = true;
        continue;
      }
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--store" -> store = value;
        case "--studies" -> studies = Integer.parseInt(value);
        case "--seed" -> seed = Integer.parseInt(value);
        case "--clients" -> clients = Integer.parseInt(value);
        case "--requests" -> requests = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--db" -> db = Path.of(value);
        case "--pages" -> pages = Arrays.stream(value.split(",")).map(String::strip).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    return new ConsoleBenchOptions(
        store, studies, seed, clients, requests, warmup, keep, db, pages);
  }

  /** How many studies are loaded through radflow: {@code --seed}, at most {@code --studies}. */
  int seedStudies() {
    return Math.min(seed, studies);
  }

  /** The SQLite file {@code --keep} reuses: {@code --db}, or one under {@code RADFLOW_HOME}. */
  Path keptSqliteFile() {
    if (db != null) {
      return db;
    }
    String home = System.getenv("RADFLOW_HOME");
    return Path.of(home == null || home.isBlank() ? "data" : home).resolve("bench-console.db");
  }
}
