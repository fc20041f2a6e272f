package org.radflow.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The SQL {@link ConsoleCopy} runs, for PostgreSQL or SQLite. What differs: the id type, how a
 * fresh id is drawn, how an instant and a date's text move back days (an interval or microseconds,
 * {@code to_char} or {@code date()}; the days an expression of each row's copy number), and how the
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
            + " not null, copy_no bigint not null, new_id "
            + id
            + " not null, relay_partition integer not null, primary key (old_id, copy_no))",
        "create temporary table copy_step_map (old_id "
            + id
            + " not null, copy_no bigint not null, new_id "
            + id
            + " not null, primary key (old_id, copy_no))");
  }

  /**
   * The seed's rows, copied once into temporary tables ({@code seed_study}, {@code seed_history},
   * ...) after {@code copy_seed} is filled, so that each batch reads a few thousand rows however
   * large the tables being copied into have grown, and the planner never weighs a scan of them.
   */
  List<String> seedTables() {
    String seeds = " where study_id in (select id from copy_seed)";
    List<String> ddl = new java.util.ArrayList<>();
    ddl.add(
        "create temporary table seed_study as select * from study where id in (select id from"
            + " copy_seed)");
    ddl.add("create temporary table seed_history as select * from study_history" + seeds);
    ddl.add("create temporary table seed_idempotency_key as select * from idempotency_key" + seeds);
    ddl.add("create temporary table seed_step as select * from step" + seeds);
    ddl.add("create temporary table seed_outbox as select * from outbox" + seeds);
    ddl.add("create index seed_study_id on seed_study (id)");
    ddl.add("create index seed_history_study on seed_history (study_id, seq)");
    ddl.add("create index seed_idempotency_key_study on seed_idempotency_key (study_id)");
    ddl.add("create index seed_step_study on seed_step (study_id)");
    ddl.add("create index seed_outbox_study on seed_outbox (study_id)");
    for (String table :
        List.of(
            "copy_seed",
            "seed_study",
            "seed_history",
            "seed_idempotency_key",
            "seed_step",
            "seed_outbox")) {
      ddl.add("analyze " + table); // temporary tables are never analysed by autovacuum
    }
    return ddl;
  }

  /**
   * Fills {@code copy_map} with the copies numbered {@code from} to {@code to} (both counted from
   * zero, {@code to} excluded): copy {@code j} is copy number {@code j / seeds + 1} of the seed
   * ranked {@code j % seeds}. One statement for any number of copies of each seed: the copy numbers
   * come from a recursive CTE, which both databases run.
   */
  String mapCopies(long seeds, long from, long to) {
    long firstCopy = from / seeds + 1;
    long lastCopy = (to - 1) / seeds + 1;
    String j = "(c.n - 1) * " + seeds + " + s.rank_no";
    return "with recursive c(n) as (select "
        + firstCopy
        + " union all select n + 1 from c where n < "
        + lastCopy
        + ") insert into copy_map (old_id, copy_no, new_id, relay_partition) select s.id, c.n, "
        + newId()
        + ", 0 from copy_seed s join c on "
        + j
        + " >= "
        + from
        + " and "
        + j
        + " < "
        + to;
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

  /** {@code column} moved back {@code days} (an SQL expression) whole days; null stays null. */
  String shifted(String column, String days) {
    return sqlite
        ? "(" + column + " - " + days + " * 86400000000)"
        : "(" + column + " - " + days + " * interval '1 day')";
  }

  /** The text {@code yyyy-mm-dd} of {@code date} moved back {@code days} (an SQL expression). */
  String dateBack(LocalDate date, String days) {
    return sqlite
        ? "date('" + date + "', '-' || " + days + " || ' days')"
        : "to_char(date '" + date + "' - cast(" + days + " as integer), 'YYYY-MM-DD')";
  }

  /** {@code instant} as a literal of the column type instants are stored in. */
  String literal(Instant instant) {
    if (sqlite) {
      return Long.toString(instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000);
    }
    return "timestamptz '" + instant + "'";
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
   * The inserts that copy the seeds in {@code copy_map}, each row as its copy number {@code
   * copy_no}: accession, order numbers and idempotency keys get {@code -C<copy>}, the patient
   * {@code -C1} to {@code -C<patientCycle>}, and every instant moves back {@code copy mod
   * spreadDays} whole days.
   *
   * @param dates the dates the seed's instants fall on, oldest first
   * @param retainedSince with the relay's retention: events published before it are not copied (it
   *     would have deleted them); null copies every event
   */
  record Batch(
      List<LocalDate> dates, int spreadDays, int patientCycle, Instant retainedSince, CopySql sql) {

    private static final String SUFFIX = "('-C' || m.copy_no)";

    List<String> inserts() {
      return List.of(study(), history(), idempotencyKeys(), steps(), outbox());
    }

    private String days() {
      return "(m.copy_no % " + spreadDays + ")";
    }

    private String shifted(String column) {
      return sql.shifted(column, days());
    }

    private String patientSuffix() {
      return "('-C' || ((m.copy_no - 1) % " + patientCycle + " + 1))";
    }

    private String study() {
      return "insert into study (id, assigning_authority, accession_number, patient_authority,"
          + " patient_id, entry_kind, clinical_state, imaging_state, administrative_state,"
          + " distribution_state, status_index, next_hold_deadline, creation_fingerprint, detail,"
          + " version, created_at, updated_at, placer_order_authority, placer_order_number,"
          + " filler_order_authority, filler_order_number)"
          + " select m.new_id, s.assigning_authority, s.accession_number || "
          + SUFFIX
          + ", s.patient_authority, s.patient_id || "
          + patientSuffix()
          + ", s.entry_kind, s.clinical_state, s.imaging_state, s.administrative_state,"
          + " s.distribution_state, s.status_index, "
          + shifted("s.next_hold_deadline")
          + ", s.creation_fingerprint, "
          + json("s.detail", null)
          + ", s.version, "
          + shifted("s.created_at")
          + ", "
          + shifted("s.updated_at")
          + ", s.placer_order_authority, s.placer_order_number || "
          + SUFFIX
          + ", s.filler_order_authority, s.filler_order_number || "
          + SUFFIX
          + " from seed_study s join copy_map m on m.old_id = s.id";
    }

    private String history() {
      return "insert into study_history (study_id, seq, change_type, transition_type,"
          + " idempotency_key, business_time, record_time, source_system, source_ref, actor,"
          + " body) select m.new_id, h.seq, h.change_type, h.transition_type, h.idempotency_key"
          + " || "
          + SUFFIX
          + ", "
          + shifted("h.business_time")
          + ", "
          + shifted("h.record_time")
          + ", h.source_system, h.source_ref, h.actor, "
          + json("h.body", "h.idempotency_key")
          + " from seed_history h join copy_map m on m.old_id = h.study_id"
          + " join seed_study s on s.id = h.study_id";
    }

    private String idempotencyKeys() {
      return "insert into idempotency_key (study_id, idempotency_key, fingerprint, outcome,"
          + " history_seq) select m.new_id, k.idempotency_key || "
          + SUFFIX
          + ", k.fingerprint, k.outcome, k.history_seq"
          + " from seed_idempotency_key k join copy_map m on m.old_id = k.study_id";
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
          + shifted("st.due_at")
          + ", st.lease_owner, "
          + shifted("st.lease_until")
          + ", st.fence, st.taken_over_from, st.last_outcome, st.last_error, st.external_ref, "
          + shifted("st.suspended_at")
          + ", "
          + shifted("st.created_at")
          + ", "
          + shifted("st.updated_at")
          + ", "
          + shifted("st.completed_at")
          + ", st.completed_by, st.redrives, st.payload_ref, st.payload_key, st.payload_size, "
          + shifted("st.payload_purged_at")
          + ", st.urgent from seed_step st join copy_map m on m.old_id = st.study_id"
          + " join copy_step_map sm on sm.old_id = st.id and sm.copy_no = m.copy_no"
          + " left join copy_step_map cm on cm.old_id = st.compensates and cm.copy_no ="
          + " m.copy_no";
    }

    private String outbox() {
      String retained =
          retainedSince == null
              ? ""
              : " where o.published_at is null or "
                  + shifted("o.published_at")
                  + " >= "
                  + sql.literal(retainedSince);
      return "insert into outbox (event_id, study_id, study_seq, event_type, payload, created_at,"
          + " published_at, relay_partition, attempts, last_error, parked_at) select "
          + sql.eventId("m.new_id", "o.study_seq")
          + ", m.new_id, o.study_seq, o.event_type, "
          + json("o.payload", "h.idempotency_key")
          + ", "
          + shifted("o.created_at")
          + ", "
          + shifted("o.published_at")
          + ", m.relay_partition, o.attempts, o.last_error, "
          + shifted("o.parked_at")
          + " from seed_outbox o join copy_map m on m.old_id = o.study_id"
          + " join seed_study s on s.id = o.study_id"
          + " left join seed_history h on h.study_id = o.study_id and h.seq = o.study_seq"
          + retained;
    }

    /**
     * The JSON in {@code column} as the copy's: its study id, accession, patient, order numbers and
     * (with {@code key}, the column holding the change's idempotency key) key replaced by exact
     * matches, then its dates moved back. {@code s} is the seed's study row.
     */
    private String json(String column, String key) {
      String expression =
          "replace(" + column + ", " + sql.text("m.old_id") + ", " + sql.text("m.new_id") + ")";
      expression = suffixed(expression, "accessionNumber", "s.accession_number");
      expression = suffixed(expression, "placerOrderNumber", "s.placer_order_number");
      expression = suffixed(expression, "fillerOrderNumber", "s.filler_order_number");
      if (key != null) {
        expression = suffixed(expression, "idempotencyKey", key);
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
              + " || "
              + patientSuffix()
              + " || '\"}')";
      for (LocalDate date : dates) { // oldest first: a date moved back is never one still to move
        expression =
            "replace("
                + expression
                + ", '\""
                + date
                + "T', '\"' || "
                + sql.dateBack(date, days())
                + " || 'T')";
      }
      return expression;
    }

    /** Replaces {@code "name":"<value>"} with the suffixed value; no change when value is null. */
    private static String suffixed(String expression, String name, String value) {
      String empty = "'\"" + name + "\":\"\"'";
      String from = "'\"" + name + "\":\"' || " + value + " || '\"'";
      String to = "'\"" + name + "\":\"' || " + value + " || " + SUFFIX + " || '\"'";
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
