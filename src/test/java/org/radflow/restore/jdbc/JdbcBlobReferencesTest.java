package org.radflow.restore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.radflow.lifecycle.jdbc.Commands.T0;
import static org.radflow.lifecycle.jdbc.Commands.study;
import static org.radflow.lifecycle.jdbc.Commands.transition;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.blob.BlobRef;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;
import org.radflow.db.TestPostgres;
import org.radflow.deadletter.ErrorCode;
import org.radflow.deadletter.NewDeadLetter;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.CreateResult;
import org.radflow.restore.ReferencedBlob;
import org.radflow.study.Reference;
import org.radflow.study.StudyId;
import org.radflow.study.TransitionType;

/**
 * Every place a row names a blob is read, across page boundaries, on both databases; references
 * that name no radflow blob are passed over, and purged retained requests are not needed.
 */
class JdbcBlobReferencesTest {

  private static final int PAGE = 2; // every table below spans several pages

  @TempDir Path home;

  @Test
  void sqliteListsEveryReference() throws Exception {
    String url = Databases.sqliteUrl(home);
    try (Stores stores = Stores.open(url, null, null, 2, StoreSettings.defaults())) {
      listsEveryReference(stores, () -> java.sql.DriverManager.getConnection(url));
    }
  }

  @Test
  void postgresqlListsEveryReference() throws Exception {
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        Stores stores =
            Stores.open(
                schema.url(), schema.user(), schema.password(), 2, StoreSettings.defaults())) {
      listsEveryReference(stores, schema::connect);
    }
  }

  interface Connector {
    Connection connect() throws SQLException;
  }

  private void listsEveryReference(Stores stores, Connector connector) throws Exception {
    List<String> expected = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      StudyId id =
          assertInstanceOf(
                  CreateResult.Created.class, stores.studies().create(study("ACC-" + n).build()))
              .study()
              .id();
      String report = name('a', n);
      String search = name('b', n);
      assertInstanceOf(
          ApplyResult.Committed.class,
          stores
              .studies()
              .apply(
                  id,
                  transition(
                      TransitionType.IDENTITY_VALIDATED,
                      "identity-" + n,
                      1,
                      Map.of(),
                      List.of(
                          new Reference("identity-search", "blob://sha256/" + search, null),
                          new Reference("report", "s3://elsewhere/report-" + n, null))),
                  null));
      assertInstanceOf(
          ApplyResult.Committed.class,
          stores
              .studies()
              .apply(
                  id,
                  transition(
                      TransitionType.PROCEDURE_SCHEDULED,
                      "scheduled-" + n,
                      2,
                      Map.of(),
                      List.of(new Reference("report", "blob://sha256/" + report, null))),
                  null));
      expected.add(search);
      expected.add(report);
    }
    for (int n = 0; n < 3; n++) {
      String raw = name('c', n);
      stores
          .deadLetters()
          .recordDeadLetter(
              new NewDeadLetter(
                  "hl7-mllp",
                  T0,
                  null,
                  "ORM^O01",
                  "C-" + n,
                  null,
                  null,
                  ErrorCode.UNPARSEABLE,
                  "cannot parse",
                  new BlobRef(raw, 10)));
      expected.add(raw);
    }
    List<String> retained = retainRequests(connector);
    expected.addAll(retained);

    List<ReferencedBlob> listed = new ArrayList<>();
    new JdbcBlobReferences(stores.database(), PAGE).forEach(listed::add);

    assertThat(listed)
        .extracting(ReferencedBlob::sha256)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(listed)
        .extracting(ReferencedBlob::holder)
        .anyMatch(h -> h.startsWith("study_history "))
        .anyMatch(h -> h.startsWith("dead_letter "))
        .anyMatch(h -> h.startsWith("step "));
  }

  /**
   * Gives the first three steps retained requests, as national steps have, and marks the first
   * purged: the two others are the references still needed.
   */
  private static List<String> retainRequests(Connector connector) throws SQLException {
    List<String> needed = new ArrayList<>();
    try (Connection c = connector.connect()) {
      List<String> ids = new ArrayList<>();
      try (var s = c.createStatement();
          var rows = s.executeQuery("select id from step order by id limit 3")) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      assertThat(ids).as("the policies started steps").hasSize(3);
      for (int n = 0; n < ids.size(); n++) {
        try (PreparedStatement s =
            c.prepareStatement(
                "update step set payload_ref = ?, payload_purged_at = "
                    + (n == 0 ? "created_at" : "null")
                    + " where cast(id as varchar(64)) = ?")) {
          s.setString(1, name('d', n));
          s.setString(2, ids.get(n));
          assertThat(s.executeUpdate()).isEqualTo(1);
        }
        if (n > 0) {
          needed.add(name('d', n));
        }
      }
    }
    return needed;
  }

  private static String name(char letter, int n) {
    return String.valueOf(letter).repeat(63) + n;
  }
}
