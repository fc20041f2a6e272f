package org.radflow.orchestration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.lifecycle.StepPayloads;
import org.radflow.lifecycle.jdbc.CommitTrace;
import org.radflow.lifecycle.jdbc.StepWriter;
import org.radflow.lifecycle.jdbc.StudyTransactions;
import org.radflow.orchestration.ClaimedStep;
import org.radflow.orchestration.StepCommit;
import org.radflow.orchestration.StepDuration;
import org.radflow.orchestration.StepFinish;
import org.radflow.orchestration.StepRecord;
import org.radflow.orchestration.StepStore;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.tracing.Tracing;
import org.radflow.workflow.Effect;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepKind;
import org.radflow.workflow.StepRules;
import org.radflow.workflow.StepStatus;

/**
 * The step store over JDBC: claims under leases ({@code SKIP LOCKED} on PostgreSQL), and a finish
 * under the claim's fence that applies the step's effects to its study in the same transaction.
 */
public final class JdbcStepStore implements StepStore {

  private final Database database;
  private final Dialect dialect;
  private final StudyTransactions studies;
  private final StepRows rows;
  private final StepWriter writer;
  private final StepEffects effects;
  private final RetainedRequestRows payloads;
  private final StepLatencies latencies;
  private final String claimSql;
  private final Tracing tracing;

  /**
   * @param studies what a step's finish does to its study, in the step's transaction
   * @param writer the steps' writer the study store shares
   * @param tracing tells the trace a finish runs in, stored with the history and steps it writes
   */
  public JdbcStepStore(
      Database database, StudyTransactions studies, StepWriter writer, Tracing tracing) {
    this.database = database;
    this.tracing = tracing;
    this.dialect = database.dialect();
    this.studies = studies;
    this.effects = new StepEffects(studies);
    this.rows = new StepRows(dialect);
    this.writer = writer;
    this.payloads = new RetainedRequestRows(database);
    this.latencies = new StepLatencies(dialect);
    this.claimSql =
        "with due as (select id from step where"
            + " (status = 'PENDING' and due_at <= ? and (service is null or service not in"
            + " (select service from service_status where state in "
            + JdbcServiceStore.unavailableStates()
            + ")))"
            + " or (status = 'RUNNING' and lease_until < ?)"
            + " order by due_at limit ?"
            + dialect.skipLocked()
            + ") update step set status = 'RUNNING', lease_owner = ?, lease_until = ?,"
            + " fence = fence + 1, attempts = attempts + 1,"
            + " taken_over_from = case when status = 'RUNNING' then lease_owner else null end,"
            + " updated_at = ? where id in (select id from due)"
            + " returning id, study_id, kind, idempotency_key, attempts, max_attempts, fence,"
            + " target_ref, taken_over_from, payload_ref, trace_parent";
  }

  @Override
  public List<ClaimedStep> claim(String owner, int limit, Instant now, Duration lease) {
    return database.write(
        "claim steps",
        c -> {
          List<ClaimedStep> claimed = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(claimSql)) {
            dialect.setInstant(s, 1, now);
            dialect.setInstant(s, 2, now);
            s.setInt(3, limit);
            s.setString(4, owner);
            dialect.setInstant(s, 5, now.plus(lease));
            dialect.setInstant(s, 6, now);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                claimed.add(
                    new ClaimedStep(
                        dialect.getId(r, "id"),
                        new StudyId(dialect.getId(r, "study_id")),
                        StepKind.valueOf(r.getString("kind")),
                        r.getString("idempotency_key"),
                        r.getInt("attempts"),
                        r.getInt("max_attempts"),
                        r.getLong("fence"),
                        owner,
                        r.getString("target_ref"),
                        r.getString("taken_over_from"),
                        r.getString("payload_ref"),
                        r.getString("trace_parent")));
              }
            }
          }
          return claimed;
        });
  }

  @Override
  public StepCommit finish(ClaimedStep step, StepFinish finish, Instant now) {
    List<Study> committed = new ArrayList<>();
    StepCommit result =
        database.write(
            "finish " + step.kind() + " step " + step.id(),
            step.study().value(),
            CommitTrace.carrying(
                tracing.traceparent().orElse(null),
                c -> {
                  committed.clear(); // a contended transaction runs again from the start
                  Optional<StepRecord> current = rows.load(c, step.id(), true);
                  if (current.isEmpty()
                      || current.get().status() != StepStatus.RUNNING
                      || current.get().fence() != step.fence()) {
                    return new StepCommit.LeaseLost(
                        "step "
                            + step.id()
                            + " is no longer held by this claim (fence "
                            + step.fence()
                            + ")");
                  }
                  Study study = finishIn(c, step, finish, now, committed);
                  return new StepCommit.Committed(study);
                }));
    committed.forEach(studies::committed);
    return result;
  }

  private Study finishIn(
      Connection c, ClaimedStep step, StepFinish finish, Instant now, List<Study> committed)
      throws SQLException {
    if (finish instanceof StepFinish.Complete complete) {
      Study study = studies.loadForUpdate(c, step.study());
      boolean undoIt = StepRules.needsUndoOnCompletion(step.kind(), study);
      List<Effect> applied =
          undoIt
              ? List.of(
                  StepRules.recordedEffect(
                      step.kind(), step.id().toString(), complete.externalRef()))
              : complete.effects();
      Study after = effects.apply(c, step, study, applied, now, committed);
      update(
          c,
          step,
          "status = 'SUCCEEDED', external_ref = ?, completed_at = ?, completed_by = ?,"
              + " last_outcome = 'DONE', last_error = null",
          now,
          s -> {
            s.setString(1, complete.externalRef());
            dialect.setInstant(s, 2, now);
            s.setString(3, step.owner());
            return 4;
          });
      if (undoIt) {
        writer.compensate(
            c,
            after != null ? after : study,
            step.kind() + " completed after the study was stopped",
            now);
      }
      if (step.kind().isUndo()) {
        writer.advanceChain(c, step.study(), now);
      }
      return after;
    }
    if (finish instanceof StepFinish.Fail fail) {
      Study after = effects.apply(c, step, null, fail.effects(), now, committed);
      update(
          c,
          step,
          "status = 'FAILED', last_outcome = ?, last_error = ?, completed_at = ?",
          now,
          s -> {
            s.setString(1, fail.outcome());
            s.setString(2, fail.reason());
            dialect.setInstant(s, 3, now);
            return 4;
          });
      if (step.kind().isUndo()) {
        writer.advanceChain(c, step.study(), now);
      }
      return after;
    }
    if (finish instanceof StepFinish.Retry retry) {
      update(
          c,
          step,
          "status = 'PENDING', due_at = ?, last_outcome = ?, last_error = ?",
          now,
          s -> {
            dialect.setInstant(s, 1, retry.dueAt());
            s.setString(2, retry.outcome());
            s.setString(3, retry.reason());
            return 4;
          });
    } else if (finish instanceof StepFinish.Wait wait) {
      Study after = effects.apply(c, step, null, wait.effects(), now, committed);
      update(
          c,
          step,
          "status = 'PENDING', due_at = ?, attempts = attempts - 1, last_outcome = 'WAITING',"
              + " last_error = ?",
          now,
          s -> {
            dialect.setInstant(s, 1, wait.dueAt());
            s.setString(2, wait.reason());
            return 3;
          });
      return after;
    } else if (finish instanceof StepFinish.Suspend suspend) {
      update(
          c,
          step,
          "status = 'SUSPENDED', suspended_at = ?, attempts = attempts - 1,"
              + " last_outcome = 'UNAVAILABLE', last_error = ?",
          now,
          s -> {
            dialect.setInstant(s, 1, now);
            s.setString(2, suspend.reason());
            return 3;
          });
    } else if (finish instanceof StepFinish.Moot moot) {
      update(
          c,
          step,
          "status = 'CANCELLED', last_outcome = 'MOOT', last_error = ?, completed_at = ?",
          now,
          s -> {
            s.setString(1, moot.reason());
            dialect.setInstant(s, 2, now);
            return 3;
          });
    }
    return null;
  }

  /** Binds the statement's own values and returns the next free position. */
  @FunctionalInterface
  private interface Binder {
    int bind(PreparedStatement s) throws SQLException;
  }

  /** Updates the step under its fence, always releasing the lease. */
  private void update(Connection c, ClaimedStep step, String assignments, Instant now, Binder own)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update step set "
                + assignments
                + ", lease_owner = null, lease_until = null, updated_at = ?"
                + " where id = ? and fence = ?")) {
      int next = own.bind(s);
      dialect.setInstant(s, next, now);
      dialect.setId(s, next + 1, step.id());
      s.setLong(next + 2, step.fence());
      if (s.executeUpdate() != 1) {
        throw new SQLException("step " + step.id() + " changed under its fence", "40001");
      }
    }
  }

  @Override
  public boolean release(ClaimedStep step, Instant now) {
    return database.write(
        "release the lease of step " + step.id(),
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update step set lease_until = ?, updated_at = ?"
                      + " where id = ? and fence = ? and status = 'RUNNING'")) {
            dialect.setInstant(s, 1, now);
            dialect.setInstant(s, 2, now);
            dialect.setId(s, 3, step.id());
            s.setLong(4, step.fence());
            return s.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean retainAgain(ClaimedStep step, StepPayloads.Retained retained, Instant now) {
    return payloads.retainAgain(step, retained, now);
  }

  @Override
  public int purgeRetained(
      Instant succeededBefore, int limit, Consumer<String> delete, Instant now) {
    return payloads.purge(succeededBefore, limit, delete, now);
  }

  @Override
  public List<StepRecord> suspended(Service service, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return database.read(
        "read steps suspended on " + service.slug(),
        c -> {
          // The oldest of the urgent and the oldest of the rest, each a range of the index
          // step_suspended (service, urgent desc, created_at, id), merged: never a sort of them
          // all.
          String oldest =
              "select * from (select * from step where service = ? and status = 'SUSPENDED'"
                  + " and %s urgent order by created_at, id limit ?) %s";
          try (PreparedStatement s =
              c.prepareStatement(
                  oldest.formatted("", "u")
                      + " union all "
                      + oldest.formatted("not", "r")
                      + " order by created_at, id limit ?")) {
            s.setString(1, service.name());
            s.setInt(2, limit);
            s.setString(3, service.name());
            s.setInt(4, limit);
            s.setInt(5, limit);
            List<StepRecord> suspended = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                suspended.add(rows.record(r));
              }
            }
            return suspended;
          }
        });
  }

  @Override
  public List<StepRecord> steps(StudyId study) {
    return database.read("read steps of study " + study, c -> rows.ofStudy(c, study));
  }

  @Override
  public List<StepDuration> recentlyCompleted(Instant since, int limit) {
    if (limit < 1 || limit > MAX_RECENTLY_COMPLETED) {
      throw new IllegalArgumentException(
          "limit must be 1 to " + MAX_RECENTLY_COMPLETED + ", was " + limit);
    }
    return database.read(
        "read recently completed steps", c -> latencies.recentlyCompleted(c, since, limit));
  }

  @Override
  public Optional<StepRecord> step(UUID id) {
    return database.read("read step " + id, c -> rows.load(c, id, false));
  }
}
