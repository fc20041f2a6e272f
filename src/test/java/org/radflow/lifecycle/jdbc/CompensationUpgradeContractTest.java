package org.radflow.lifecycle.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.lifecycle.jdbc.Commands.study;
import static org.radflow.lifecycle.jdbc.Commands.transition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.lifecycle.CreateResult;
import org.radflow.study.StudyId;
import org.radflow.study.TransitionType;

/**
 * Upgrading to V14, where a study remembers in its detail that compensation was requested: a study
 * compensated by an earlier version (its detail without the mark, the request only in its history)
 * gets the mark from the migration, and one never compensated does not. Each database by a short
 * subclass.
 */
abstract class CompensationUpgradeContractTest {

  protected record Database(String url, String user, String password, Runnable drop) {}

  protected abstract Database freshDatabase();

  /** SQL that removes the mark from every study's detail, as versions before V14 wrote it. */
  protected abstract String detailWithoutMark();

  private Database database;
  private Stores stores;

  @AfterEach
  void close() {
    try (Stores closed = stores) {
      // closed whatever happened in the test
    } finally {
      if (database != null) {
        database.drop().run();
      }
    }
  }

  @Test
  void aStudyCompensatedBeforeTheUpgradeIsMarkedAndOthersAreNot() throws SQLException {
    database = freshDatabase();
    stores = open();
    StudyId compensated = created("ACC-UNDONE");
    StudyId untouched = created("ACC-LIVE");
    stores
        .studies()
        .apply(
            compensated,
            transition(
                TransitionType.COMPENSATION_REQUESTED,
                "undo-1",
                5,
                Map.of("reason", "ordered for the wrong patient"),
                List.of()),
            null);
    stores.close();
    try (Connection c =
            DriverManager.getConnection(database.url(), database.user(), database.password());
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate(detailWithoutMark())).isEqualTo(2);
      // back to a schema before V14: V15's columns are dropped so it applies again, and V16
      // (an index made only if missing) re-runs as it is
      for (String table : List.of("study_history", "outbox", "step", "webhook_delivery")) {
        s.executeUpdate("alter table " + table + " drop column trace_parent"); // V15
      }
      s.executeUpdate(
          "delete from flyway_schema_history where installed_rank >= (select installed_rank"
              + " from flyway_schema_history where version = '14')");
    }

    stores = open(); // a fresh store: nothing cached, every study decoded from its row

    assertThat(stores.studies().find(compensated).orElseThrow().compensationRequested()).isTrue();
    assertThat(stores.studies().find(untouched).orElseThrow().compensationRequested()).isFalse();
  }

  private StudyId created(String accession) {
    CreateResult.Created created =
        (CreateResult.Created) stores.studies().create(study(accession).build());
    return created.study().id();
  }

  private Stores open() {
    return Stores.open(
        database.url(),
        database.user(),
        database.password(),
        4,
        new StoreSettings(1024, Duration.ofHours(4)));
  }
}
