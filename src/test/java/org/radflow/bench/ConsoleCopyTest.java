package org.radflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radflow.config.StoreSettings;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.study.BusinessKey;

/**
 * Copies of seed studies, on both databases: as many as asked for, each readable through radflow as
 * a study of its own, and a store whose copies are wrong is refused by the check.
 */
class ConsoleCopyTest {

  private static final int SEEDS = 30;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void growsTheStoreToTheCountAskedForWithCopiesThatReadBackAsTheirOwnStudies(String store)
      throws Exception {
    try (BenchStores.Opened opened = open(store)) {
      ConsoleLoad.load(new StudyLifecycle(opened.stores().studies(), Clock.systemUTC()), SEEDS, 2);

      ConsoleCopy.Copied copied = ConsoleCopy.grow(opened.location(), 7 * SEEDS + 5);

      assertThat(copied.copies()).isEqualTo(6 * SEEDS + 5);
      assertThat(copied.seeds()).isEqualTo(SEEDS);
      assertThat(count(opened, "select count(*) from study")).isEqualTo(7 * SEEDS + 5);
      assertThat(count(opened, "select count(distinct accession_number) from study"))
          .isEqualTo(7 * SEEDS + 5);
      assertThat(count(opened, "select count(*) from study_history"))
          .isEqualTo(count(opened, "select count(*) from outbox"));
      assertThat(
              opened
                  .stores()
                  .studies()
                  .findByBusinessKey(new BusinessKey(ConsoleLoad.AUTHORITY, "ACC-7-C6"))
                  .orElseThrow()
                  .createdAt())
          .isBefore(
              opened
                  .stores()
                  .studies()
                  .findByBusinessKey(new BusinessKey(ConsoleLoad.AUTHORITY, "ACC-7"))
                  .orElseThrow()
                  .createdAt()
                  .minusSeconds(23 * 3600)); // copy 6 lies one day back
      assertThat(ConsoleCopyCheck.check(opened.location(), opened.stores().studies()))
          .isGreaterThanOrEqualTo(ConsoleCopyCheck.SAMPLE);

      // a second grow, as on a kept store that stopped part-way, goes on where the first stopped
      assertThat(ConsoleCopy.grow(opened.location(), 8 * SEEDS).copies()).isEqualTo(SEEDS - 5);
      assertThat(count(opened, "select count(distinct accession_number) from study"))
          .isEqualTo(8 * SEEDS);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void theCheckRefusesCopiesWhoseEventsAreNotTheirStudys(String store) throws Exception {
    try (BenchStores.Opened opened = open(store)) {
      ConsoleLoad.load(new StudyLifecycle(opened.stores().studies(), Clock.systemUTC()), SEEDS, 2);
      ConsoleCopy.grow(opened.location(), 3 * SEEDS);
      execute(
          opened,
          "update outbox set relay_partition = (relay_partition + 1) % 64 where study_id in"
              + " (select id from study where accession_number like '%-C%')");

      assertThatThrownBy(() -> ConsoleCopyCheck.check(opened.location(), opened.stores().studies()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is in partition");
    }
  }

  private static BenchStores.Opened open(String store) throws Exception {
    return store.equals("sqlite")
        ? BenchStores.sqlite(4, StoreSettings.defaults())
        : BenchStores.postgres(4, StoreSettings.defaults());
  }

  private static long count(BenchStores.Opened opened, String query) throws Exception {
    BenchStores.Location l = opened.location();
    try (Connection c = DriverManager.getConnection(l.url(), l.user(), l.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void execute(BenchStores.Opened opened, String update) throws Exception {
    BenchStores.Location l = opened.location();
    try (Connection c = DriverManager.getConnection(l.url(), l.user(), l.password());
        Statement s = c.createStatement()) {
      s.executeUpdate(update);
    }
  }
}
