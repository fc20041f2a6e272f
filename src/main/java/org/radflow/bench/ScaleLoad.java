package org.radflow.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.radflow.events.OutboxOperations;
import org.radflow.lifecycle.StudyLifecycle;

/**
 * Fills the scale bench's store as a running radflow with a long history would hold it: the seed
 * through {@link StudyLifecycle} ({@link ConsoleLoad}), settled ({@link ConsoleSettle}: steps its
 * studies moved past succeeded, events published), then copied in SQL up to the count asked ({@link
 * ConsoleCopy}). Settling before copying gives the copies the seed's settled rows, so the million
 * rows need no second pass. Copies lie up to {@code --spread-days} back, and the events the relay's
 * retention would have deleted by now are not copied; radflow's own retention ({@link
 * OutboxOperations#deletePublished}) then deletes the seed's that are past it. Last, the tables are
 * vacuumed and analysed as autovacuum would have done over that history. Each part is idempotent or
 * goes on where it stopped, so a load that stopped is finished by running it again.
 */
final class ScaleLoad {

  /** Published events deleted per statement, as the relay's retention deletes them. */
  static final int RETENTION_BATCH = 10_000;

  /** The tables with a row per study or more, those the load writes. */
  static final String[] TABLES = {"study", "study_history", "idempotency_key", "step", "outbox"};

  /** Every table with rows of a study but {@code study} itself, children before parents. */
  private static final String[] PER_STUDY_TABLES = {
    "outbox",
    "idempotency_conflict",
    "idempotency_key",
    "study_history",
    "step",
    "inbox",
    "webhook_delivery",
    "operator_action"
  };

  private ScaleLoad() {}

  /**
   * Loads the store until it holds {@code options.studies()}, from the {@code present} it holds;
   * events published longer than {@code options.retention()} ago end up deleted, as the relay's
   * retention running all along would leave them. Prints each part as it ends; returns the
   * retention's cutoff, when it last ran.
   */
  static Instant load(BenchStores.Opened opened, ScaleBenchOptions options, long present)
      throws Exception {
    BenchStores.Location location = opened.location();
    long seeds = ConsoleCopy.seeds(location);
    if (present <= seeds && seeds < options.seedStudies()) {
      StudyLifecycle lifecycle = new StudyLifecycle(opened.stores().studies(), Clock.systemUTC());
      System.out.println(
          ConsoleLoad.load(lifecycle, options.seedStudies(), options.clients()).format());
    }
    System.out.println(ConsoleSettle.settle(location).format());
    if (options.studies() > options.seedStudies()) {
      ConsoleCopy.Plan plan =
          new ConsoleCopy.Plan(
              options.spreadDays(),
              options.batch(),
              Instant.now().minus(options.retention()),
              true);
      System.out.println(ConsoleCopy.grow(location, options.studies(), plan).format());
    }
    Retained retained = retain(opened.stores().outboxOperations(), options.retention());
    System.out.println(retained.format());
    System.out.println(vacuum(location));
    return retained.cutoff();
  }

  /** What one run of the retention did: its cutoff, and how many events it deleted. */
  record Retained(Instant cutoff, long deleted, double seconds) {
    String format() {
      return String.format(
          Locale.ROOT,
          "retention: %d events published before %s deleted by radflow's outbox retention in"
              + " %.1f s",
          deleted,
          cutoff,
          seconds);
    }
  }

  /**
   * What the relay's retention does to the store now: its events published longer than {@code
   * retention} ago go.
   */
  static Retained retain(OutboxOperations outbox, Duration retention) {
    long started = System.nanoTime();
    Instant cutoff = Instant.now().minus(retention);
    long deleted = 0;
    for (int batch = RETENTION_BATCH; batch == RETENTION_BATCH; deleted += batch) {
      batch = outbox.deletePublished(cutoff, RETENTION_BATCH);
    }
    return new Retained(cutoff, deleted, (System.nanoTime() - started) / 1e9);
  }

  /** What autovacuum would have done over a long history: the visibility map and statistics. */
  static String vacuum(BenchStores.Location location) throws SQLException {
    boolean sqlite = location.url().startsWith("jdbc:sqlite:");
    long started = System.nanoTime();
    try (Connection c = ConsoleCopy.connect(location, sqlite);
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.execute((sqlite ? "analyze " : "vacuum analyze ") + table);
      }
    }
    return String.format(
        Locale.ROOT,
        "%s the tables in %.1f s",
        sqlite ? "analyzed" : "vacuumed and analyzed",
        (System.nanoTime() - started) / 1e9);
  }

  /**
   * Builds again the indexes a copy that stopped after its last batch left set aside, on a kept
   * store found full; says how many (usually none).
   */
  static String finishIndexes(BenchStores.Location location) throws SQLException {
    boolean sqlite = location.url().startsWith("jdbc:sqlite:");
    try (Connection c = ConsoleCopy.connect(location, sqlite)) {
      return CopyIndexes.rebuild(c, sqlite) + " indexes a stopped copy set aside built again";
    }
  }

  /**
   * Removes the studies the transitions measured opened (accessions {@code ACC-<n>-<nanos>}, never
   * a seed's {@code ACC-<n>} nor a copy's {@code -C<k>}) with every row they wrote, so that a kept
   * store holds what was loaded; returns how many.
   */
  static int removeTransitionStudies(BenchStores.Location location) throws SQLException {
    boolean sqlite = location.url().startsWith("jdbc:sqlite:");
    try (Connection c = ConsoleCopy.connect(location, sqlite);
        Statement s = c.createStatement()) {
      s.execute(
          "create temporary table bench_transition_study as select id from study where"
              + " accession_number like 'ACC-%-%' and accession_number not like '%-C%'");
      for (String table : PER_STUDY_TABLES) {
        s.executeUpdate(
            "delete from " + table + " where study_id in (select id from bench_transition_study)");
      }
      return s.executeUpdate(
          "delete from study where id in (select id from bench_transition_study)");
    }
  }
}
