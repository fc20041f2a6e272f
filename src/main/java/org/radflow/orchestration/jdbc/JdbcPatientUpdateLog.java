package org.radflow.orchestration.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.orchestration.PatientUpdateLog;
import org.radflow.study.PatientRef;

/** The patient_update rows: one per patient, the digest of the last update acted on. */
public final class JdbcPatientUpdateLog implements PatientUpdateLog {

  private final Database database;
  private final Dialect dialect;

  public JdbcPatientUpdateLog(Database database) {
    this.database = database;
    this.dialect = database.dialect();
  }

  @Override
  public Optional<Noted> last(PatientRef patient) {
    return database.read(
        "read last patient update",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select content_digest, noted_at from patient_update"
                      + " where authority = ? and patient_id = ?")) {
            s.setString(1, patient.assigningAuthority());
            s.setString(2, patient.id());
            try (ResultSet r = s.executeQuery()) {
              return r.next()
                  ? Optional.of(
                      new Noted(
                          patient,
                          r.getString("content_digest"),
                          dialect.getInstant(r, "noted_at")))
                  : Optional.<Noted>empty();
            }
          }
        });
  }

  @Override
  public void note(PatientRef patient, String contentDigest, Instant at) {
    database.write(
        "note patient update",
        c -> {
          // the same statement on both databases: SQLite took PostgreSQL's upsert in 3.24
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into patient_update (authority, patient_id, content_digest, noted_at)"
                      + " values (?, ?, ?, ?) on conflict (authority, patient_id) do update"
                      + " set content_digest = excluded.content_digest,"
                      + " noted_at = excluded.noted_at")) {
            s.setString(1, patient.assigningAuthority());
            s.setString(2, patient.id());
            s.setString(3, contentDigest);
            dialect.setInstant(s, 4, at);
            s.executeUpdate();
          }
          return null;
        });
  }
}
