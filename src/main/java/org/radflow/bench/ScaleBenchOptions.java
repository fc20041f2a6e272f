package org.radflow.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The options of {@code radflow bench scale}, as given on the command line.
 *
 * @param seed how many studies are loaded through radflow; the rest are copies of them
 * @param batch how many studies are copied per transaction
 * @param spreadDays copy {@code k} of a seed study lies {@code k mod spreadDays} days back
 * @param retention how long published events are kept, as the relay's retention would keep them
 * @param samples how many random studies are looked up by id, and as many by accession
 * @param searches how many searches of each kind (each status, patients) are timed
 * @param db with {@code --keep} on SQLite, the database file; null for the default under home
 */
record ScaleBenchOptions(
    String store,
    int studies,
    int seed,
    int clients,
    int batch,
    int spreadDays,
    Duration retention,
    int samples,
    int searches,
    Duration warmup,
    Duration duration,
    boolean keep,
    Path db) {

  static final String USAGE =
      "--store sqlite|postgresql (postgresql) --studies N (1000000) --seed N (4000: studies"
          + " loaded through radflow's lifecycle, then settled as a running radflow leaves them;"
          + " the rest are copies made by SQL inside the database, as bench console makes them,"
          + " many copies per statement) --batch N (25000 studies copied per transaction)"
          + " --spread-days N (365: copy k lies k mod N days back) --retention-hours N (24: events"
          + " published before are not copied, and the relay's own retention deletes the seed's)"
          + " --clients N (8: seed loaders, and clients of the transitions measured) --samples N"
          + " (2000 random studies looked up by id and by accession) --searches N (50 per status"
          + " and of patients) --warmup SECONDS (5) --duration SECONDS (20: transitions measured)"
          + " --keep (reuse a loaded database: PostgreSQL schema bench_scale, SQLite"
          + " $RADFLOW_HOME/bench-scale.db, RADFLOW_HOME default ./data) --db FILE (with --keep"
          + " on SQLite: this file instead)";

  ScaleBenchOptions {
    if (!store.equals("sqlite") && !store.equals("postgresql")) {
      throw new IllegalArgumentException("--store is sqlite or postgresql, was " + store);
    }
    if (studies < 1 || seed < 1 || clients < 1 || batch < 1 || spreadDays < 1) {
      throw new IllegalArgumentException(
          "--studies, --seed, --clients, --batch and --spread-days are at least 1");
    }
    if (samples < 1 || searches < 1 || retention.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(
          "--samples, --searches and --duration are at least 1, --retention-hours at least 0");
    }
    if (db != null && !(keep && store.equals("sqlite"))) {
      throw new IllegalArgumentException("--db names the SQLite file kept with --keep");
    }
  }

  static ScaleBenchOptions parse(String[] args) {
    String store = "postgresql";
    int studies = 1_000_000;
    int seed = 4_000;
    int clients = 8;
    int batch = 25_000;
    int spreadDays = 365;
    long retentionHours = 24;
    int samples = 2_000;
    int searches = 50;
    long warmup = 5;
    long duration = 20;
    boolean keep = false;
    Path db = null;
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
        case "--batch" -> batch = Integer.parseInt(value);
        case "--spread-days" -> spreadDays = Integer.parseInt(value);
        case "--retention-hours" -> retentionHours = Long.parseLong(value);
        case "--samples" -> samples = Integer.parseInt(value);
        case "--searches" -> searches = Integer.parseInt(value);
        case "--warmup" -> warmup = Long.parseLong(value);
        case "--duration" -> duration = Long.parseLong(value);
        case "--db" -> db = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    return new ScaleBenchOptions(
        store,
        studies,
        seed,
        clients,
        batch,
        spreadDays,
        Duration.ofHours(retentionHours),
        samples,
        searches,
        Duration.ofSeconds(warmup),
        Duration.ofSeconds(duration),
        keep,
        db);
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
    return Path.of(home == null || home.isBlank() ? "data" : home).resolve("bench-scale.db");
  }
}
