package org.radflow.orchestration.jdbc;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.radflow.audit.jdbc.JdbcAuditTrail;
import org.radflow.db.Database;
import org.radflow.db.Dialect;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.jdbc.StepWriter;
import org.radflow.lifecycle.jdbc.StudyTransactions;
import org.radflow.orchestration.Recovery;
import org.radflow.orchestration.Redrive;
import org.radflow.orchestration.StepRecord;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;
import org.radflow.workflow.StepRules;

/**
 * Recovery over JDBC: an operator's redrive of a failed step, compensation of a study and
 * resolution of an exception, each with its audit row in the same transaction as what it changes.
 */
public final class JdbcRecovery implements Recovery {

  private final Database database;
  private final Dialect dialect;
  private final StudyTransactions studies;
  private final StepRows rows;
  private final StepWriter writer;
  private final JdbcAuditTrail audit;

  public JdbcRecovery(
      Database database, StudyTransactions studies, StepWriter writer, JdbcAuditTrail audit) {
    this.database = database;
    this.dialect = database.dialect();
    this.studies = studies;
    this.rows = new StepRows(dialect);
    this.writer = writer;
    this.audit = audit;
  }

  @Override
  public Redrive redrive(UUID id, String actor, String reason, Instant now) {
    List<Study> committed = new ArrayList<>();
    Redrive result =
        database.write(
            "redrive step " + id,
            c -> {
              committed.clear();
              Optional<StepRecord> found = rows.load(c, id, true);
              if (found.isEmpty()) {
                return new Redrive.NotFound();
              }
              StepRecord step = found.get();
              Study study = studies.loadForUpdate(c, step.study());
              Optional<String> unsafe =
                  StepRules.redriveRefusal(step.kind(), step.status().name(), study);
              if (unsafe.isPresent()) {
                audit.record(
                    c,
                    now,
                    actor,
                    "REDRIVE",
                    "step " + id,
                    step.study(),
                    reason,
                    "refused: " + unsafe.get());
                return new Redrive.Refused(unsafe.get());
              }
              boolean freshKey = "REJECTED".equals(step.lastOutcome());
              String key =
                  freshKey
                      ? StepWriter.key(step.study(), step.kind(), "redrive-" + UUID.randomUUID())
                      : step.idempotencyKey();
              try (PreparedStatement s =
                  c.prepareStatement(
                      "update step set status = 'PENDING', attempts = 0, due_at = ?,"
                          + " idempotency_key = ?, redrives = redrives + 1, completed_at = null,"
                          + " updated_at = ? where id = ?")) {
                dialect.setInstant(s, 1, now);
                s.setString(2, key);
                dialect.setInstant(s, 3, now);
                dialect.setId(s, 4, id);
                s.executeUpdate();
              }
              for (var exception : study.exceptions()) {
                if (id.toString().equals(exception.step())) {
                  ApplyResult resolved =
                      studies.apply(
                          c,
                          step.study(),
                          resolution(exception.id(), actor, "redriven: " + reason, now),
                          null);
                  if (resolved instanceof ApplyResult.Committed done) {
                    committed.add(done.study());
                  }
                }
              }
              audit.record(
                  c,
                  now,
                  actor,
                  "REDRIVE",
                  "step " + id,
                  step.study(),
                  reason,
                  freshKey ? "redriven with a new idempotency key" : "redriven");
              return new Redrive.Redriven(rows.load(c, id, false).orElseThrow());
            });
    committed.forEach(studies::committed);
    return result;
  }

  @Override
  public ApplyResult compensate(StudyId study, String actor, String reason, Instant now) {
    Transition request =
        new Transition(
            TransitionType.COMPENSATION_REQUESTED,
            "compensate:" + UUID.randomUUID(),
            now,
            now,
            new Source("operator", actor),
            actor,
            Map.of("reason", reason),
            List.of(),
            false);
    return audited(study, "COMPENSATE", "study " + study, actor, reason, now, request);
  }

  @Override
  public ApplyResult resolve(
      StudyId study, long exception, String actor, String note, Instant now) {
    return audited(
        study,
        "RESOLVE",
        "exception " + exception + " of study " + study,
        actor,
        note,
        now,
        resolution(exception, actor, note, now));
  }

  private ApplyResult audited(
      StudyId study,
      String action,
      String target,
      String actor,
      String reason,
      Instant now,
      Transition transition) {
    ApplyResult result =
        database.write(
            action.toLowerCase() + " " + target,
            c -> {
              ApplyResult applied = studies.apply(c, study, transition, null);
              if (!(applied instanceof ApplyResult.NotFound)) {
                String outcome =
                    applied instanceof ApplyResult.Refused refused
                        ? "refused: " + refused.message()
                        : "done";
                audit.record(c, now, actor, action, target, study, reason, outcome);
              }
              return applied;
            });
    if (result instanceof ApplyResult.Committed done) {
      studies.committed(done.study());
    }
    return result;
  }

  private static Transition resolution(long exception, String actor, String note, Instant now) {
    return new Transition(
        TransitionType.EXCEPTION_RESOLVED,
        "resolve:" + exception + ":" + UUID.randomUUID(),
        now,
        now,
        new Source("operator", actor),
        actor,
        Map.of("exception", Long.toString(exception), "note", note),
        List.of(),
        false);
  }
}
