package org.radflow.orchestration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.radflow.db.Dialect;
import org.radflow.orchestration.RetainedRequest;
import org.radflow.orchestration.StepRecord;
import org.radflow.study.StudyId;
import org.radflow.workflow.StepKind;
import org.radflow.workflow.StepStatus;

/** Reads step rows into {@link StepRecord}s. */
final class StepRows {

  private final Dialect dialect;

  StepRows(Dialect dialect) {
    this.dialect = dialect;
  }

  Optional<StepRecord> load(Connection c, UUID id, boolean forUpdate) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select * from step where id = ?" + (forUpdate ? dialect.rowLock() : ""))) {
      dialect.setId(s, 1, id);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? Optional.of(record(rows)) : Optional.empty();
      }
    }
  }

  List<StepRecord> ofStudy(Connection c, StudyId study) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select * from step where study_id = ? order by created_at, trigger_seq, kind")) {
      dialect.setId(s, 1, study.value());
      List<StepRecord> steps = new ArrayList<>();
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          steps.add(record(rows));
        }
      }
      return steps;
    }
  }

  StepRecord record(ResultSet rows) throws SQLException {
    return new StepRecord(
        dialect.getId(rows, "id"),
        new StudyId(dialect.getId(rows, "study_id")),
        StepKind.valueOf(rows.getString("kind")),
        StepStatus.valueOf(rows.getString("status")),
        rows.getString("idempotency_key"),
        rows.getInt("attempts"),
        rows.getInt("max_attempts"),
        dialect.getInstant(rows, "due_at"),
        rows.getString("lease_owner"),
        dialect.getInstant(rows, "lease_until"),
        rows.getLong("fence"),
        rows.getString("taken_over_from"),
        rows.getString("last_outcome"),
        rows.getString("last_error"),
        rows.getString("external_ref"),
        dialect.getId(rows, "compensates"),
        rows.getString("target_ref"),
        dialect.getInstant(rows, "suspended_at"),
        rows.getInt("redrives"),
        dialect.getInstant(rows, "created_at"),
        dialect.getInstant(rows, "updated_at"),
        dialect.getInstant(rows, "completed_at"),
        rows.getString("completed_by"),
        retained(rows),
        rows.getBoolean("urgent"));
  }

  private RetainedRequest retained(ResultSet rows) throws SQLException {
    String ref = rows.getString("payload_ref");
    return ref == null
        ? null
        : new RetainedRequest(
            ref,
            rows.getString("payload_key"),
            rows.getInt("payload_size"),
            dialect.getInstant(rows, "payload_purged_at"));
  }
}
