package org.radflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radflow.config.StoreSettings;
import org.radflow.lifecycle.StudyReads;
import org.radflow.study.BusinessKey;
import org.radflow.study.Study;

/**
 * The scale bench's store, small, on both databases: the count asked for, every copy's rows as the
 * seed's, the events the retention would have deleted gone and the rest there, copies that read
 * back through radflow as studies of their own, and the transitions measured leaving nothing
 * behind.
 */
class ScaleBenchTest {

  private static final int SEEDS = 50;
  private static final int STUDIES = 4 * SEEDS;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void loadsCopiesWithTheSeedsRowsAndOnlyTheEventsTheRetentionKeeps(String store) throws Exception {
    // copy k lies k days back: with 36 hours kept, copy 1's events stay, copies 2 and 3's go
    ScaleBenchOptions options =
        ScaleBenchOptions.parse(
            new String[] {
              "--store",
              store,
              "--studies",
              "" + STUDIES,
              "--seed",
              "" + SEEDS,
              "--clients",
              "2",
              "--batch",
              "70",
              "--retention-hours",
              "36"
            });
    try (BenchStores.Opened opened = open(store)) {
      BenchStores.Location location = opened.location();
      List<String> migrated = indexes(location, store);

      Instant retainedSince = ScaleLoad.load(opened, options, 0);

      assertThat(indexes(location, store)).isEqualTo(migrated).hasSizeGreaterThan(20);
      long seedHistory = count(location, "select count(*) from study_history" + ofSeeds());
      long seedSteps = count(location, "select count(*) from step" + ofSeeds());
      long seedKeys = count(location, "select count(*) from idempotency_key" + ofSeeds());
      assertThat(seedHistory).isGreaterThan(SEEDS);
      assertThat(count(location, "select count(*) from study")).isEqualTo(STUDIES);
      assertThat(count(location, "select count(distinct accession_number) from study"))
          .isEqualTo(STUDIES);
      assertThat(count(location, "select count(*) from study_history")).isEqualTo(4 * seedHistory);
      assertThat(count(location, "select count(*) from step")).isEqualTo(4 * seedSteps);
      assertThat(count(location, "select count(*) from idempotency_key")).isEqualTo(4 * seedKeys);
      assertThat(count(location, "select count(*) from outbox")).isEqualTo(2 * seedHistory);
      assertThat(count(location, "select count(*) from outbox where published_at is null"))
          .isZero();
      assertThat(
              count(
                  location,
                  "select count(*) from outbox o join study s on s.id = o.study_id"
                      + " where s.accession_number like '%-C1'"))
          .isEqualTo(seedHistory);

      StudyReads reads = opened.stores().studies();
      assertThat(ConsoleCopyCheck.check(location, reads, retainedSince))
          .isGreaterThanOrEqualTo(ConsoleCopyCheck.SAMPLE);
      Study seed = reads.findByBusinessKey(new BusinessKey("BENCH", "ACC-7")).orElseThrow();
      Study copy = reads.findByBusinessKey(new BusinessKey("BENCH", "ACC-7-C3")).orElseThrow();
      assertThat(Duration.between(copy.createdAt(), seed.createdAt()))
          .isEqualTo(Duration.ofDays(3));
      assertThat(copy.patient().id()).isEqualTo(seed.patient().id() + "-C3");

      List<ScaleReads.Sample> samples = ScaleReads.randomStudies(location, 20);
      assertThat(samples).hasSize(20);
      assertThat(ScaleReads.byId(reads, samples).sortedNanos()).hasSize(20);
      assertThat(ScaleReads.byAccession(reads, samples).sortedNanos()).hasSize(20);
      assertThat(ScaleReads.byPatient(reads, samples).sortedNanos()).hasSize(20);

      TransitionsBench.measure(
          opened.label(),
          opened.stores().studies(),
          new TransitionsBench.Options(
              List.of(store),
              2,
              Duration.ZERO,
              Duration.ofSeconds(1),
              StoreSettings.defaults().sqliteSync()));
      assertThat(count(location, "select count(*) from study")).isGreaterThan(STUDIES);
      assertThat(ScaleLoad.removeTransitionStudies(location)).isPositive();
      assertThat(count(location, "select count(*) from study")).isEqualTo(STUDIES);
      assertThat(count(location, "select count(*) from study_history")).isEqualTo(4 * seedHistory);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void runsFromTheCommandLineToItsTable(String store) throws Exception {
    assertThat(
            ScaleBench.run(
                new String[] {
                  "--store",
                  store,
                  "--studies",
                  "120",
                  "--seed",
                  "30",
                  "--clients",
                  "2",
                  "--samples",
                  "10",
                  "--searches",
                  "2",
                  "--warmup",
                  "0",
                  "--duration",
                  "1"
                }))
        .isZero();
  }

  /** The definitions of the indexes on the copied tables, as the database states them. */
  private static List<String> indexes(BenchStores.Location l, String store) throws Exception {
    String query =
        store.equals("sqlite")
            ? "select sql from sqlite_master where type = 'index' and sql is not null order by name"
            : "select indexdef from pg_indexes where schemaname = current_schema() order by"
                + " indexname";
    List<String> definitions = new java.util.ArrayList<>();
    try (Connection c = DriverManager.getConnection(l.url(), l.user(), l.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      while (r.next()) {
        definitions.add(r.getString(1));
      }
    }
    return definitions;
  }

  private static String ofSeeds() {
    return " where study_id in (select id from study where accession_number not like '%-C%')";
  }

  private static BenchStores.Opened open(String store) throws Exception {
    return store.equals("sqlite")
        ? BenchStores.sqlite(4, StoreSettings.defaults())
        : BenchStores.postgres(4, StoreSettings.defaults());
  }

  private static long count(BenchStores.Location l, String query) throws Exception {
    try (Connection c = DriverManager.getConnection(l.url(), l.user(), l.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }
}
