package org.radflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Grows the console bench's store from the seed studies {@link ConsoleLoad} wrote through radflow
 * to the number asked for, by copying their rows inside the database ({@code insert … select}, a
 * batch of studies per transaction, no row through Java). Loading 100,000 studies through the
 * lifecycle is about 1.1 million commands, an hour here; copying them takes minutes, and the
 * console's pages then query as many rows, of the shapes radflow itself wrote, as a real load would
 * leave.
 *
 * <p>Copy {@code k} of a seed study is a study of its own: a fresh id; the seed's accession, order
 * numbers and idempotency keys with {@code -Ck} appended; its patient with {@code -C1} to {@code
 * -C20} appended (so patients keep a few studies each); its rows in {@code study}, {@code
 * study_history}, {@code idempotency_key}, {@code step} (fresh step ids, the study id in the step's
 * key replaced, compensations pointing at the copied step) and {@code outbox} (the event id and
 * relay partition radflow derives from the new study id). The old id, accession, patient, order
 * numbers and keys are replaced in the JSON (study detail, history body, outbox payload) by exact
 * {@code "name":"value"} matches. Every instant, in columns and in JSON, moves back {@code k mod 5}
 * whole days (the console's {@link Plan}; {@code bench scale} spreads further), so the store spans
 * five days and the JSON's dates can be moved by replacing the date text. A batch may hold several
 * copies of each seed: every statement reads the copy number of each row from {@code copy_map}, and
 * the seed's rows from temporary copies of them, so a batch costs the same however large the store
 * has grown. The seed wrote nothing to the other per-study tables (inbox, conflicts, deliveries,
 * audit): no engine, relay or listener runs during the load. Fingerprints stay the seed's: they are
 * digests of commands a copy is never sent.
 */
final class ConsoleCopy {

  /** Copies spread over today and the days before it. */
  static final int SPREAD_DAYS = 5;

  /** Copies of one seed study share a patient every this many copies. */
  static final int PATIENT_CYCLE = 20;

  private static final String SEED = "accession_number not like '%-C%'";

  /**
   * How copies are made: copy {@code k} moves back {@code k mod spreadDays} whole days; {@code
   * batch} studies are copied per transaction, several copies of each seed in one statement when
   * the batch is larger than the seed; with {@code retainedSince}, events published before it are
   * not copied, as the relay's retention would have deleted them (null: every event is); with
   * {@code setIndexesAside}, the copied tables' secondary indexes are dropped while copying and
   * built again after ({@link CopyIndexes}).
   */
  record Plan(int spreadDays, int batch, Instant retainedSince, boolean setIndexesAside) {
    Plan {
      if (spreadDays < 1 || batch < 1) {
        throw new IllegalArgumentException("spread days and batch are at least 1");
      }
    }

    /** The console bench's: five days, 2,000 studies a transaction, every event. */
    static Plan console() {
      return new Plan(SPREAD_DAYS, 2_000, null, false);
    }
  }

  private final Connection connection;
  private final CopySql sql;
  private final Plan plan;

  private ConsoleCopy(Connection connection, CopySql sql, Plan plan) {
    this.connection = connection;
    this.sql = sql;
    this.plan = plan;
  }

  /** How the copy went. */
  record Copied(long seeds, long copies, double seconds) {
    String format() {
      return String.format(
          Locale.ROOT,
          "copied %d studies from %d seed studies in %.1fs: %.0f studies/s",
          copies,
          seeds,
          seconds,
          copies / Math.max(seconds, 1e-9));
    }
  }

  /** Whether {@code accession} is a copy's; copies end in {@code -C<copy number>}. */
  static boolean isCopy(String accession) {
    return accession.contains("-C");
  }

  /** How many seed studies (not copies) the store at {@code location} holds. */
  static long seeds(BenchStores.Location location) throws SQLException {
    try (Connection c = connect(location, false)) {
      return count(c, "select count(*) from study where " + SEED);
    }
  }

  /** Copies seed studies as the console bench does until the store holds {@code target}. */
  static Copied grow(BenchStores.Location location, long target) throws SQLException {
    return grow(location, target, Plan.console());
  }

  /** Copies seed studies by {@code plan} until the store holds {@code target} studies. */
  static Copied grow(BenchStores.Location location, long target, Plan plan) throws SQLException {
    boolean sqlite = location.url().startsWith("jdbc:sqlite:");
    long started = System.nanoTime();
    try (Connection c = connect(location, sqlite)) {
      ConsoleCopy copy =
          new ConsoleCopy(c, sqlite ? CopySql.forSqlite() : CopySql.forPostgresql(), plan);
      long copies = copy.growTo(target);
      return new Copied(
          count(c, "select count(*) from study where " + SEED),
          copies,
          (System.nanoTime() - started) / 1e9);
    }
  }

  static Connection connect(BenchStores.Location location, boolean sqlite) throws SQLException {
    Connection c =
        DriverManager.getConnection(location.url(), location.user(), location.password());
    if (sqlite) {
      try (Statement s = c.createStatement()) {
        s.execute("pragma busy_timeout = 30000");
      }
      SqliteFunctions.register(c);
    }
    return c;
  }

  private long growTo(long target) throws SQLException {
    long seeds = count(connection, "select count(*) from study where " + SEED);
    long present = count(connection, "select count(*) from study");
    if (seeds == 0) {
      throw new IllegalStateException("no seed studies to copy");
    }
    try (Statement s = connection.createStatement()) {
      for (String ddl : sql.temporaryTables()) {
        s.execute(ddl);
      }
      s.execute(
          "insert into copy_seed (id, rank_no) select id, row_number() over (order by"
              + " accession_number) - 1 from study where "
              + SEED);
      for (String ddl : sql.seedTables()) {
        s.execute(ddl);
      }
    }
    CopySql.Batch batch =
        new CopySql.Batch(seedDates(), plan.spreadDays(), PATIENT_CYCLE, plan.retainedSince(), sql);
    if (plan.setIndexesAside() && present < target) {
      int aside = CopyIndexes.setAside(connection, sql.sqlite());
      System.out.println("  " + aside + " secondary indexes set aside while copying");
    }
    connection.setAutoCommit(false);
    long done = 0;
    long started = System.nanoTime();
    // copy j (counted from the first) is copy j / seeds + 1 of the seed ranked j % seeds, so a
    // kept store that stopped half-way goes on where it stopped
    for (long j = present - seeds; j < target - seeds; ) {
      long n = Math.min(plan.batch(), target - seeds - j);
      copyBatch(seeds, j, j + n, batch);
      connection.commit();
      long before = done;
      done += n;
      j += n;
      if (done / 10_000 > before / 10_000) {
        System.out.printf(
            Locale.ROOT,
            "  %d studies copied (%.0f/s) ...%n",
            done,
            done / ((System.nanoTime() - started) / 1e9));
      }
    }
    connection.setAutoCommit(true);
    if (plan.setIndexesAside()) {
      long building = System.nanoTime();
      int built = CopyIndexes.rebuild(connection, sql.sqlite());
      System.out.printf(
          Locale.ROOT,
          "  %d indexes built again in %.1f s%n",
          built,
          (System.nanoTime() - building) / 1e9);
    }
    return done;
  }

  /** Every date the seed's instants fall on, with a day after for timers and holds. */
  private List<LocalDate> seedDates() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery(
                "select min(created_at) as first, max(updated_at) as last,"
                    + " max(next_hold_deadline) as hold from study where "
                    + SEED)) {
      r.next();
      Instant first = sql.instant(r, "first");
      Instant last = sql.instant(r, "last");
      Instant hold = sql.instant(r, "hold");
      if (hold != null && hold.isAfter(last)) {
        last = hold;
      }
      List<LocalDate> dates = new ArrayList<>();
      LocalDate end = LocalDate.ofInstant(last, ZoneOffset.UTC).plusDays(1);
      for (LocalDate d = LocalDate.ofInstant(first, ZoneOffset.UTC);
          !d.isAfter(end);
          d = d.plusDays(1)) {
        dates.add(d);
      }
      return dates;
    }
  }

  private void copyBatch(long seeds, long from, long to, CopySql.Batch batch) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("delete from copy_map");
      s.execute("delete from copy_step_map");
      s.execute(sql.mapCopies(seeds, from, to));
      // a second statement, so the partition is computed from the id stored, never a second draw
      s.execute("update copy_map set relay_partition = " + sql.relayPartition("new_id"));
      s.execute(
          "insert into copy_step_map (old_id, copy_no, new_id) select st.id, m.copy_no, "
              + sql.newId()
              + " from seed_step st join copy_map m on m.old_id = st.study_id");
      // the maps are new each batch and temporary, so no statistics but these
      s.execute("analyze copy_map");
      s.execute("analyze copy_step_map");
      for (String insert : batch.inserts()) {
        s.execute(insert);
      }
    }
  }

  private static long count(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }
}
