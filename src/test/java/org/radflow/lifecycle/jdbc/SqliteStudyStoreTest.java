package org.radflow.lifecycle.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.lifecycle.jdbc.Commands.at;
import static org.radflow.lifecycle.jdbc.Commands.resent;
import static org.radflow.lifecycle.jdbc.Commands.study;
import static org.radflow.lifecycle.jdbc.Commands.transition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.db.SqliteDatabase;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.study.Decision;
import org.radflow.study.StudyId;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

/** The store contract on SQLite, each case in its own file under a temporary directory. */
class SqliteStudyStoreTest extends StudyStoreContractTest {

  @TempDir Path dir;

  @Override
  protected Database freshDatabase() {
    return new Database("jdbc:sqlite:" + dir.resolve("radflow.db"), null, null, () -> {});
  }

  @Override
  protected void failOutboxInserts(Statement sql, String eventType) throws SQLException {
    sql.execute(
        "create trigger fail_outbox_insert before insert on outbox"
            + " when new.event_type = '"
            + eventType.replace("'", "''")
            + "' begin select raise(abort, 'injected'); end");
  }

  @Override
  protected String unreachableUrl() {
    return "jdbc:sqlite:" + dir; // a directory is no database file
  }

  @Test
  void aStoreReopenedOnTheFileHoldsEverythingCommitted() throws IOException {
    StudyId id = created(study("ACC-1").build());
    Transition identity = transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 5);
    apply(id, identity);
    apply(id, transition(TransitionType.REPORT_FINALISED, "report-final-1", 10)); // held
    store.apply(id, transition(TransitionType.IDENTITY_VALIDATED, "identity-1", 7), null);
    Snapshot committed = snapshot(id);
    assertThat(committed.study().orElseThrow().version()).isEqualTo(3);
    assertThat(committed.conflicts()).hasSize(1);

    stores.close();
    assertThat(Files.size(dir.resolve("radflow.db"))).isPositive();
    stores = open();
    store = stores.studies();

    assertThat(snapshot(id)).isEqualTo(committed);
    assertThat(store.apply(id, resent(identity, "MSG-after-restart", "ris", at(60)), null))
        .isEqualTo(
            new ApplyResult.Duplicate(
                Decision.Outcome.APPLIED, 2, committed.study().orElseThrow()));
  }

  @Test
  void aCheckpointCopiesTheWholeLogIntoTheDatabaseFile() throws IOException {
    for (int i = 0; i < 50; i++) {
      StudyId id = created(study("ACC-CP-" + i).build());
      apply(id, transition(TransitionType.IDENTITY_VALIDATED, "identity-" + i, 5));
    }

    assertThat(((SqliteDatabase) stores.database()).checkpointNow()).isZero();
    assertThat(Files.size(dir.resolve("radflow.db"))).isGreaterThan(50 * 1024);
  }
}
