package org.radflow.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The SQL {@link ConsoleCopy} runs, for PostgreSQL or SQLite. What differs: the id type, how a
 * fresh id is drawn, how an instant moves back a day (an interval, or microseconds), and how the
 * event id and relay partition radflow derives from a study id are computed ({@code
 * HistoryEntry.eventId}: a name-based UUID of {@code "<study>:<seq>"}; {@code RelayPartition.of}:
 * the UUID's hash code mod 64). PostgreSQL computes them in SQL; SQLite, having no MD5, calls
 * radflow's own code through functions registered on the connection ({@link SqliteFunctions}).
 */
record CopySql(boolean sqlite) {

  static CopySql forPostgresql() {
    return new CopySql(false);
  }

  static CopySql forSqlite() {
    return new CopySql(true);
  }

  List<String> temporaryTables() {
    String id = sqlite ? "text" : "uuid";
    return List.of(
        "create temporary table copy_seed (id " + id + " primary key, rank_no bigint not null)",
        "create index copy_seed_rank on copy_seed (rank_no)",
        "create temporary table copy_map (old_id "
            + id
            + " primary key, new_id "
            + id
            + " not null, relay_partition integer not null)",
        "create temporary table copy_step_map (old_id "
            + id
            + " primary key, new_id "
            + id
            + " not null)");
  }

  String newId() {
    return sqlite ? "bench_uuid()" : "gen_random_uuid()";
  }

  String text(String expression) {
    return "cast(" + expression + " as text)";
  }

  /** {@code RelayPartition.of} of the study id in {@code column}. */
  String relayPartition(String column) {
    if (sqlite) {
      return "bench_relay_partition(" + column + ")";
    }
    // the hash code of a UUID is the xor of its four 32-bit words; mod 64 keeps the low 6 bits,
    // which are those of the words' last bytes (hex digits 7-8, 15-16, 23-24 and 31-32)
    String hex = "replace(" + text(column) + ", '-', '')";
    StringBuilder xor = new StringBuilder("(");
    for (int at : new int[] {7, 15, 23, 31}) {
      if (at != 7) {
        xor.append(" # ");
      }
      xor.append("('x' || substr(")
          .append(hex)
          .append(", ")
          .append(at)
          .append(", 2))::bit(8)::int");
    }
    return xor.append(") & 63").toString();
  }

  /** {@code HistoryEntry.eventId} of the study id in {@code study} and position {@code seq}. */
  String eventId(String study, String seq) {
    if (sqlite) {
      return "bench_event_id(" + study + ", " + seq + ")";
    }
    // UUID.nameUUIDFromBytes: the MD5, version nibble 3, variant bits 10
    String md5 = "md5(" + text(study) + " || ':' || " + text(seq) + ")";
    return "cast(substr("
        + md5
        + ", 1, 12) || '3' || substr("
        + md5
        + ", 14, 3) || substr('89ab', (('x' || substr("
        + md5
        + ", 17, 1))::bit(4)::int & 3) + 1, 1) || substr("
        + md5
        + ", 18, 15) as uuid)";
  }

  /** {@code column} moved back {@code days} whole days (null stays null). */
  String shifted(String column, int days) {
    if (days == 0) {
      return column;
    }
    return sqlite
        ? "(" + column + " - " + days + " * 86400000000)"
        : "(" + column + " - interval '" + days + " days')";
  }

  Instant instant(ResultSet rows, String column) throws SQLException {
    if (sqlite) {
      long micros = rows.getLong(column);
      return rows.wasNull() ? null : Instant.EPOCH.plusNanos(micros * 1000);
    }
    Timestamp t = rows.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /**
   * The inserts that copy one batch: the seeds in {@code copy_map} as copy number {@code suffix}.
   *
   * @param suffix appended to accession, order numbers and idempotency keys
   * @param patientSuffix appended to the patient id
   * @param days how many whole days every instant moves back
   * @param dates the dates the seed's instants fall on, oldest first
   */
  record Batch(String suffix, String patientSuffix, int days, List<LocalDate> dates, CopySql sql) {

    List<String> inserts() {
      return List.of(study(), history(), idempotencyKeys(), steps(), outbox());
    }

    private String study() {
      return "insert into study (id, assigning_authority, accession_number, patient_authority,"
          + " patient_id, entry_kind, clinical_state, imaging_state, administrative_state,"
          + " distribution_state, status_index, next_hold_deadline, creation_fingerprint, detail,"
          + " version, created_at, updated_at, placer_order_authority, placer_order_number,"
          + " filler_order_authority, filler_order_number)"
          + " select m.new_id, s.assigning_authority, s.accession_number || '"
          + suffix
          + "', s.patient_authority, s.patient_id || '"
          + patientSuffix
          + "', s.entry_kind, s.clinical_state, s.imaging_state, s.administrative_state,"
          + " s.distribution_state, s.status_index, "
          + sql.shifted("s.next_hold_deadline", days)
          + ", s.creation_fingerprint, "
          + json("s.detail", null)
          + ", s.version, "
          + sql.shifted("s.created_at", days)
          + ", "
          + sql.shifted("s.updated_at", days)
          + ", s.placer_order_authority, s.placer_order_number || '"
          + suffix
          + "', s.filler_order_authority, s.filler_order_number || '"
          + suffix
          + "' from study s join copy_map m on m.old_id = s.id";
    }

    private String history() {
      return "insert into study_history (study_id, seq, change_type, transition_type,"
          + " idempotency_key, business_time, record_time, source_system, source_ref, actor,"
          + " body) select m.new_id, h.seq, h.change_type, h.transition_type, h.idempotency_key"
          + " || '"
          + suffix
          + "', "
          + sql.shifted("h.business_time", days)
          + ", "
          + sql.shifted("h.record_time", days)
          + ", h.source_system, h.source_ref, h.actor, "
          + json("h.body", "h.idempotency_key")
          + " from study_history h join copy_map m on m.old_id = h.study_id"
          + " join study s on s.id = h.study_id";
    }

    private String idempotencyKeys() {
      return "insert into idempotency_key (study_id, idempotency_key, fingerprint, outcome,"
          + " history_seq) select m.new_id, k.idempotency_key || '"
          + suffix
          + "', k.fingerprint, k.outcome, k.history_seq"
          + " from idempotency_key k join copy_map m on m.old_id = k.study_id";
    }

    private String steps() {
      String oldId = sql.text("m.old_id");
      String newId = sql.text("m.new_id");
      return "insert into step (id, study_id, kind, service, status, idempotency_key,"
          + " key_generation, trigger_seq, compensates, target_ref, chain_position, attempts,"
          + " max_attempts, due_at, lease_owner, lease_until, fence, taken_over_from, last_outcome,"
          + " last_error, external_ref, suspended_at, created_at, updated_at, completed_at,"
          + " completed_by, redrives, payload_ref, payload_key, payload_size, payload_purged_at,"
          + " urgent) select sm.new_id, m.new_id, st.kind, st.service, st.status, replace("
          + "st.idempotency_key, "
          + oldId
          + ", "
          + newId
          + "), st.key_generation, st.trigger_seq, cm.new_id, replace(st.target_ref, "
          + oldId
          + ", "
          + newId
          + "), st.chain_position, st.attempts, st.max_attempts, "
          + sql.shifted("st.due_at", days)
          + ", st.lease_owner, "
          + sql.shifted("st.lease_until", days)
          + ", st.fence, st.taken_over_from, st.last_outcome, st.last_error, st.external_ref, "
          + sql.shifted("st.suspended_at", days)
          + ", "
          + sql.shifted("st.created_at", days)
          + ", "
          + sql.shifted("st.updated_at", days)
          + ", "
          + sql.shifted("st.completed_at", days)
          + ", st.completed_by, st.redrives, st.payload_ref, st.payload_key, st.payload_size, "
          + sql.shifted("st.payload_purged_at", days)
          + ", st.urgent from step st join copy_map m on m.old_id = st.study_id"
          + " join copy_step_map sm on sm.old_id = st.id"
          + " left join copy_step_map cm on cm.old_id = st.compensates";
    }

    private String outbox() {
      return "insert into outbox (event_id, study_id, study_seq, event_type, payload, created_at,"
          + " published_at, relay_partition, attempts, last_error, parked_at) select "
          + sql.eventId("m.new_id", "o.study_seq")
          + ", m.new_id, o.study_seq, o.event_type, "
          + json("o.payload", "h.idempotency_key")
          + ", "
          + sql.shifted("o.created_at", days)
          + ", "
          + sql.shifted("o.published_at", days)
          + ", m.relay_partition, o.attempts, o.last_error, "
          + sql.shifted("o.parked_at", days)
          + " from outbox o join copy_map m on m.old_id = o.study_id"
          + " join study s on s.id = o.study_id"
          + " left join study_history h on h.study_id = o.study_id and h.seq = o.study_seq";
    }

    /**
     * The JSON in {@code column} as the copy's: its study id, accession, patient, order numbers and
     * (with {@code key}, the column holding the change's idempotency key) key replaced by exact
     * matches, then its dates moved back. {@code s} is the seed's study row.
     */
    private String json(String column, String key) {
      String expression =
          "replace(" + column + ", " + sql.text("m.old_id") + ", " + sql.text("m.new_id") + ")";
      expression = suffixed(expression, "accessionNumber", "s.accession_number", suffix);
      expression = suffixed(expression, "placerOrderNumber", "s.placer_order_number", suffix);
      expression = suffixed(expression, "fillerOrderNumber", "s.filler_order_number", suffix);
      if (key != null) {
        expression = suffixed(expression, "idempotencyKey", key, suffix);
      }
      String patient =
          "'{\"assigningAuthority\":\"' || s.patient_authority || '\",\"id\":\"' || s.patient_id";
      expression =
          "replace("
              + expression
              + ", "
              + patient
              + " || '\"}', "
              + patient
              + " || '"
              + patientSuffix
              + "\"}')";
      if (days > 0) {
        for (LocalDate date : dates) { // oldest first: a date moved back is never one still to move
          expression =
              "replace(" + expression + ", '\"" + date + "T', '\"" + date.minusDays(days) + "T')";
        }
      }
      return expression;
    }

    /** Replaces {@code "name":"<value>"} with the suffixed value; no change when value is null. */
    private static String suffixed(String expression, String name, String value, String suffix) {
      String empty = "'\"" + name + "\":\"\"'";
      String from = "'\"" + name + "\":\"' || " + value + " || '\"'";
      String to = "'\"" + name + "\":\"' || " + value + " || '" + suffix + "\"'";
      return "replace("
          + expression
          + ", coalesce("
          + from
          + ", "
          + empty
          + "), coalesce("
          + to
          + ", "
          + empty
          + "))";
    }
  }
}
