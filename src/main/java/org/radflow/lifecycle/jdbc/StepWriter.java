package org.radflow.lifecycle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.radflow.db.Dialect;
import org.radflow.db.Row;
import org.radflow.lifecycle.StepPayloads;
import org.radflow.lifecycle.Urgency;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.workflow.Reaction;
import org.radflow.workflow.RetryPolicy;
import org.radflow.workflow.StepKind;
import org.radflow.workflow.StepStatus;

/**
 * Writes the steps the policies ask for, inside the transaction of the change that triggered them:
 * a committed change always has its steps, and a rolled-back one has none.
 */
public final class StepWriter {

  /** A reaction to the change at history position {@code seq} of a study, as it left the study. */
  record Planned(Study after, long seq, Instant at, Reaction reaction) {
    StudyId study() {
      return after.id();
    }
  }

  private static final String COLUMNS =
      "step (id, study_id, kind, service, status, idempotency_key, trigger_seq,"
          + " compensates, target_ref, chain_position, max_attempts, due_at, created_at,"
          + " updated_at, payload_ref, payload_key, payload_size, urgent, trace_parent)";
  static final int WIDTH = 19;
  private static final String INSERT =
      "insert into "
          + COLUMNS
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (idempotency_key) do nothing";

  private final Dialect dialect;
  private final RetryPolicy retry;
  private final StepPayloads payloads;

  StepWriter(Dialect dialect, RetryPolicy retry, StepPayloads payloads) {
    this.dialect = dialect;
    this.retry = retry;
    this.payloads = payloads;
  }

  void write(Connection c, List<Planned> planned) throws SQLException {
    for (Planned p : planned) {
      if (p.reaction() instanceof Reaction.Start start) {
        Row row = startRow(p, start);
        if (row != null) {
          insert(c, row);
        }
      } else if (p.reaction() instanceof Reaction.Compensate compensate) {
        compensate(c, p.after(), compensate.reason(), p.at());
      }
    }
  }

  /**
   * The rows of the steps {@code planned} starts, to be written with the change in one statement,
   * or null when it also compensates: compensation reads and cancels steps, in order with the
   * starts around it, so such a change is written by {@link #write}.
   */
  List<Row> startRows(List<Planned> planned) {
    List<Row> rows = new ArrayList<>();
    for (Planned p : planned) {
      if (!(p.reaction() instanceof Reaction.Start start)) {
        return null;
      }
      Row row = startRow(p, start);
      if (row != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** The columns of {@link #startRows}' rows, for a statement of the caller's. */
  static String insertColumns() {
    return COLUMNS;
  }

  private Row startRow(Planned p, Reaction.Start start) {
    if (start.kind().role() == StepKind.Role.FORWARD && p.after().compensationRequested()) {
      return null; // a study being undone starts no new external work
    }
    return row(
        p.after(),
        start.kind(),
        StepStatus.PENDING,
        key(p.study(), start.kind(), Long.toString(p.seq())),
        p.seq(),
        null,
        null,
        null,
        start.dueAt(),
        p.at());
  }

  /** The idempotency key a step sends: study, step and the business version that started it. */
  public static String key(StudyId study, StepKind kind, String version) {
    return study + ":" + kind + ":" + version;
  }

  /**
   * Stops the study's open forward steps and chains the undos of its completed ones, newest first:
   * the first is due now, each next one when the one before it has finished. Completed steps that
   * already have an undo are left alone, so compensating twice undoes nothing twice.
   */
  public void compensate(Connection c, Study after, String reason, Instant at) throws SQLException {
    StudyId study = after.id();
    try (PreparedStatement s =
        c.prepareStatement(
            "update step set status = 'CANCELLED', last_error = ?, updated_at = ?"
                + " where study_id = ? and status in ('PENDING', 'SUSPENDED')"
                + " and compensates is null")) {
      s.setString(1, "stopped: " + reason);
      dialect.setInstant(s, 2, at);
      dialect.setId(s, 3, study.value());
      s.executeUpdate();
    }
    record Done(UUID id, StepKind kind, String ref, long seq) {}
    List<Done> done = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select f.id, f.kind, f.external_ref, f.trigger_seq from step f"
                + " where f.study_id = ? and f.status = 'SUCCEEDED' and f.compensates is null"
                + " and not exists (select 1 from step u where u.compensates = f.id)"
                + " order by f.completed_at desc, f.trigger_seq desc")) {
      dialect.setId(s, 1, study.value());
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          StepKind kind = StepKind.valueOf(rows.getString("kind"));
          if (kind.undo().isPresent()) {
            done.add(
                new Done(
                    dialect.getId(rows, "id"),
                    kind,
                    rows.getString("external_ref"),
                    rows.getLong("trigger_seq")));
          }
        }
      }
    }
    if (done.isEmpty()) {
      return;
    }
    int position = lastChainPosition(c, study);
    boolean chainIdle = !hasOpenUndo(c, study);
    for (Done d : done) {
      position++;
      StepKind undo = d.kind().undo().orElseThrow();
      StepStatus status = chainIdle ? StepStatus.PENDING : StepStatus.WAITING;
      chainIdle = false;
      insert(
          c,
          row(
              after,
              undo,
              status,
              key(study, undo, d.id().toString()),
              d.seq(),
              d.id(),
              d.ref(),
              position,
              at,
              at));
    }
  }

  /** Makes the next waiting undo of the study's chain due, once the one before it finished. */
  public void advanceChain(Connection c, StudyId study, Instant at) throws SQLException {
    if (hasOpenUndo(c, study)) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "update step set status = 'PENDING', due_at = ?, updated_at = ? where id ="
                + " (select id from step where study_id = ? and status = 'WAITING'"
                + " order by chain_position limit 1)")) {
      dialect.setInstant(s, 1, at);
      dialect.setInstant(s, 2, at);
      dialect.setId(s, 3, study.value());
      s.executeUpdate();
    }
  }

  private boolean hasOpenUndo(Connection c, StudyId study) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select 1 from step where study_id = ? and compensates is not null"
                + " and status in ('PENDING', 'RUNNING', 'SUSPENDED') limit 1")) {
      dialect.setId(s, 1, study.value());
      try (ResultSet rows = s.executeQuery()) {
        return rows.next();
      }
    }
  }

  private int lastChainPosition(Connection c, StudyId study) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select coalesce(max(chain_position), 0) from step where study_id = ?")) {
      dialect.setId(s, 1, study.value());
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private void insert(Connection c, Row row) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      row.bind(s, 1, dialect);
      s.executeUpdate();
    }
  }

  private Row row(
      Study study,
      StepKind kind,
      StepStatus status,
      String key,
      long seq,
      UUID compensates,
      String targetRef,
      Integer chainPosition,
      Instant due,
      Instant at) {
    Optional<StepPayloads.Retained> retained = payloads.retain(kind, study, targetRef);
    return new Row()
        .id(UUID.randomUUID())
        .id(study.id().value())
        .text(kind.name())
        .text(kind.service().map(Enum::name).orElse(null))
        .text(status.name())
        .text(key)
        .number(seq)
        .id(compensates)
        .text(targetRef)
        .integer(chainPosition)
        .number(retry.attemptsFor(kind))
        .instant(due)
        .instant(at)
        .instant(at)
        .text(retained.map(StepPayloads.Retained::blobRef).orElse(null))
        .text(retained.map(StepPayloads.Retained::keyId).orElse(null))
        .integer(retained.map(StepPayloads.Retained::size).orElse(null))
        .bool(Urgency.isUrgent(study))
        .text(CommitTrace.current());
  }
}
