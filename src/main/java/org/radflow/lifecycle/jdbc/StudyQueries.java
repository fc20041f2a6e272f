package org.radflow.lifecycle.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.lifecycle.IdempotencyConflict;
import org.radflow.lifecycle.Page;
import org.radflow.lifecycle.StudyQuery;
import org.radflow.study.PatientRef;
import org.radflow.study.Study;
import org.radflow.study.StudyId;

/** The store's read-only queries: history, search, a patient's studies and conflicts. */
final class StudyQueries {

  private final Database reads;
  private final Dialect dialect;
  private final StudyRows studyRows;

  StudyQueries(Database reads, Dialect dialect, StudyRows studyRows) {
    this.reads = reads;
    this.dialect = dialect;
    this.studyRows = studyRows;
  }

  List<HistoryEntry> history(StudyId id) {
    return reads.read(
        "read history of study " + id,
        c -> {
          List<HistoryEntry> entries = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select seq, body from study_history where study_id = ? order by seq")) {
            dialect.setId(s, 1, id.value());
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                entries.add(
                    new HistoryEntry(
                        id, rows.getLong("seq"), StudyJson.change(rows.getString("body"))));
              }
            }
          }
          return entries;
        });
  }

  Page<Study> search(StudyQuery query) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (query.accessionNumber() != null) {
      where.append(" and accession_number = ?");
      args.add(query.accessionNumber());
    }
    if (query.patient() != null) {
      where.append(" and patient_authority = ? and patient_id = ?");
      args.add(query.patient().assigningAuthority());
      args.add(query.patient().id());
    }
    if (query.status() != null) {
      where.append(" and status_index = ?");
      args.add(query.status().name());
    }
    if (query.trackState() != null) {
      where.append(" and ").append(trackColumn(query.trackState())).append(" = ?");
      args.add(query.trackState().name());
    }
    return reads.read(
        "search studies",
        c -> {
          long total;
          try (PreparedStatement s = c.prepareStatement("select count(*) from study" + where)) {
            bind(s, args);
            try (ResultSet rows = s.executeQuery()) {
              rows.next();
              total = rows.getLong(1);
            }
          }
          List<Study> items = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select * from study"
                      + where
                      + " order by created_at desc, id limit ? offset ?")) {
            int next = bind(s, args);
            s.setInt(next, query.limit());
            s.setInt(next + 1, query.offset());
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                items.add(studyRows.study(rows, true));
              }
            }
          }
          return new Page<>(items, total, query.offset(), query.limit());
        });
  }

  private static String trackColumn(org.radflow.study.TrackState state) {
    return switch (state.track()) {
      case CLINICAL -> "clinical_state";
      case IMAGING -> "imaging_state";
      case ADMINISTRATIVE -> "administrative_state";
      case DISTRIBUTION -> "distribution_state";
    };
  }

  private static int bind(PreparedStatement s, List<Object> args) throws SQLException {
    int index = 1;
    for (Object arg : args) {
      s.setString(index++, (String) arg);
    }
    return index;
  }

  List<StudyId> studiesOfPatient(PatientRef patient) {
    return reads.read(
        "find studies of patient",
        c -> {
          List<StudyId> ids = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select id from study where patient_authority = ? and patient_id = ?"
                      + " order by created_at")) {
            s.setString(1, patient.assigningAuthority());
            s.setString(2, patient.id());
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                ids.add(new StudyId(dialect.getId(rows, "id")));
              }
            }
          }
          return ids;
        });
  }

  List<IdempotencyConflict> conflicts(StudyId id) {
    return reads.read(
        "read conflicts of study " + id,
        c -> {
          List<IdempotencyConflict> conflicts = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select * from idempotency_conflict where study_id = ? order by id")) {
            dialect.setId(s, 1, id.value());
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                conflicts.add(
                    new IdempotencyConflict(
                        id,
                        rows.getString("idempotency_key"),
                        rows.getString("original_fingerprint").trim(),
                        rows.getString("conflicting_fingerprint").trim(),
                        rows.getString("conflicting_command"),
                        dialect.getInstant(rows, "recorded_at")));
              }
            }
          }
          return conflicts;
        });
  }
}
