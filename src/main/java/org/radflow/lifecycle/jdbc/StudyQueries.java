package org.radflow.lifecycle.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

  /**
   * Step statuses that leave work unfinished at a service: open ones, and FAILED, which waits for
   * an operator to redrive it. Must equal the predicate of the index step_unfinished_by_service
   * (V12).
   */
  static final String UNFINISHED_STEP = "('WAITING', 'PENDING', 'RUNNING', 'SUSPENDED', 'FAILED')";

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
                  "select seq, body, trace_parent from study_history where study_id = ?"
                      + " order by seq")) {
            dialect.setId(s, 1, id.value());
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                entries.add(
                    new HistoryEntry(
                        id,
                        rows.getLong("seq"),
                        StudyJson.change(rows.getString("body")),
                        rows.getString("trace_parent")));
              }
            }
          }
          return entries;
        });
  }

  Page<Study> search(StudyQuery query) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Binding> args = new ArrayList<>();
    if (query.accessionNumber() != null) {
      where.append(" and accession_number = ?");
      args.add(text(query.accessionNumber()));
    }
    if (query.patient() != null) {
      where.append(" and patient_authority = ? and patient_id = ?");
      args.add(text(query.patient().assigningAuthority()));
      args.add(text(query.patient().id()));
    }
    if (query.status() != null) {
      where.append(" and status_index = ?");
      args.add(text(query.status().name()));
    }
    if (query.trackState() != null) {
      where.append(" and ").append(trackColumn(query.trackState())).append(" = ?");
      args.add(text(query.trackState().name()));
    }
    order(query.placerOrder(), "placer", where, args);
    order(query.fillerOrder(), "filler", where, args);
    if (query.service() != null) {
      // served by the partial index step_unfinished_by_service (V12): unfinished steps are few,
      // so both databases read the matching study ids from it and look the studies up by id
      where
          .append(" and study.id in (select step.study_id from step where step.service = ?")
          .append(" and step.status in ")
          .append(UNFINISHED_STEP)
          .append(")");
      args.add(text(query.service().name()));
    }
    if (query.createdBefore() != null) {
      where.append(" and created_at < ?");
      Instant before = query.createdBefore();
      args.add((s, i) -> dialect.setInstant(s, i, before));
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
          try (PreparedStatement s = c.prepareStatement(pageSql(query, where))) {
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

  /**
   * The page's statement. With a service criterion the matching studies are found first, from the
   * step index, and only then ordered: left to itself, PostgreSQL walks the creation index newest
   * first, hoping to meet enough matches early, and reads every study when there are fewer matches
   * than the page holds.
   */
  private static String pageSql(StudyQuery query, CharSequence where) {
    if (query.service() == null) {
      return "select * from study" + where + " order by created_at desc, id limit ? offset ?";
    }
    return "with matched as materialized (select id, created_at from study"
        + where
        + ") select * from study where id in (select id from matched"
        + " order by created_at desc, id limit ? offset ?) order by created_at desc, id";
  }

  private static String trackColumn(org.radflow.study.TrackState state) {
    return switch (state.track()) {
      case CLINICAL -> "clinical_state";
      case IMAGING -> "imaging_state";
      case ADMINISTRATIVE -> "administrative_state";
      case DISTRIBUTION -> "distribution_state";
    };
  }

  private static void order(
      StudyQuery.OrderMatch order, String role, StringBuilder where, List<Binding> args) {
    if (order == null) {
      return;
    }
    // the number alone is served by study_<role>_order_number (V12)
    where.append(" and ").append(role).append("_order_number = ?");
    args.add(text(order.number()));
    if (order.assigningAuthority() != null) {
      where.append(" and ").append(role).append("_order_authority = ?");
      args.add(text(order.assigningAuthority()));
    }
  }

  /** One search parameter, bound at its place in the statement. */
  private interface Binding {
    void bind(PreparedStatement s, int index) throws SQLException;
  }

  private static Binding text(String value) {
    return (s, i) -> s.setString(i, value);
  }

  private static int bind(PreparedStatement s, List<Binding> args) throws SQLException {
    int index = 1;
    for (Binding arg : args) {
      arg.bind(s, index++);
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
