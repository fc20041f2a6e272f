package org.radflow.lifecycle.jdbc;

import java.util.Collections;
import java.util.List;
import org.radflow.db.Row;

/**
 * The SQL {@link ChangeWriter} writes a change with: the columns of each table it writes, and on
 * PostgreSQL the one statement that writes a whole change — the study row's update first, under its
 * version and key checks, and every insert selected from it, so a failed check writes nothing.
 */
final class ChangeSql {

  private ChangeSql() {}

  static final String HISTORY_COLUMNS =
      "study_history (study_id, seq, change_type, transition_type, idempotency_key,"
          + " business_time, record_time, source_system, source_ref, actor, body, trace_parent)";
  static final int HISTORY_WIDTH = 12;
  static final String OUTBOX_COLUMNS =
      "outbox (event_id, study_id, study_seq, event_type, payload, created_at, relay_partition,"
          + " trace_parent)";
  static final int OUTBOX_WIDTH = 8;
  static final String KEY_COLUMNS =
      "idempotency_key (study_id, idempotency_key, fingerprint, outcome, history_seq)";
  static final int KEY_WIDTH = 5;
  static final String CHANGING_COLUMNS =
      "patient_authority, patient_id, clinical_state, imaging_state, administrative_state,"
          + " distribution_state, status_index, next_hold_deadline, detail, version, updated_at";
  static final int CHANGING_WIDTH = 11;

  static final String UPDATE_STUDY =
      "update study set "
          + String.join(" = ?, ", CHANGING_COLUMNS.split(", "))
          + " = ? where id = ? and version = ?";
  static final String KEY_UNUSED =
      " and not exists (select 1 from idempotency_key where study_id = ? and idempotency_key = ?)";

  /**
   * The whole change in one statement, for the given rows' shapes: it answers how many study rows
   * it updated (0 or 1) and how many key rows it wrote (1 without a key).
   */
  static String combined(List<Row> history, List<Row> outbox, Row keyRow, List<Row> stepRows) {
    StringBuilder sql = new StringBuilder("with changed as (").append(UPDATE_STUDY);
    if (keyRow != null) {
      sql.append(KEY_UNUSED);
    }
    sql.append(" returning id)");
    selectedInsert(sql, "history", HISTORY_COLUMNS, history, "");
    selectedInsert(sql, "events", OUTBOX_COLUMNS, outbox, "");
    if (keyRow != null) {
      selectedInsert(
          sql, "key_use", KEY_COLUMNS, List.of(keyRow), " on conflict do nothing returning 1");
    }
    if (stepRows != null && !stepRows.isEmpty()) {
      selectedInsert(
          sql,
          "started",
          StepWriter.insertColumns(),
          stepRows,
          " on conflict (idempotency_key) do nothing");
    }
    sql.append(" select (select count(*) from changed), ");
    sql.append(keyRow != null ? "(select count(*) from key_use)" : "1");
    return sql.toString();
  }

  /**
   * {@code , name as (insert into columns select v.* from changed, (values …) v suffix)}: rows
   * written only if the study row was.
   */
  private static void selectedInsert(
      StringBuilder sql, String name, String columns, List<Row> rows, String suffix) {
    sql.append(", ").append(name).append(" as (insert into ").append(columns);
    sql.append(" select v.* from changed, (values ");
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(rows.get(i).typedPlaceholders());
    }
    sql.append(") v").append(suffix).append(')');
  }

  static final String STUDY_COLUMNS =
      "study (id, assigning_authority, accession_number, entry_kind, creation_fingerprint,"
          + " created_at, "
          + CHANGING_COLUMNS
          + ")";
  static final int STUDY_WIDTH = 6 + CHANGING_WIDTH;

  static void valuesInsert(
      StringBuilder sql, String name, String columns, int rows, int width, String suffix) {
    sql.append(", ").append(name).append(" as (insert into ").append(columns).append(" values ");
    sql.append(String.join(", ", Collections.nCopies(rows, Row.placeholders(width))));
    sql.append(suffix).append(')');
  }
}
