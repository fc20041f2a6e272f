package org.radflow.orchestration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.jdbc.StudyTransactions;
import org.radflow.orchestration.ClaimedStep;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;
import org.radflow.workflow.Effect;

/**
 * What a finishing step does to its study, inside the step's transaction: its effects applied as
 * transitions the orchestrator makes, whose keys name the step.
 */
final class StepEffects {

  static final String ORCHESTRATOR = "radflow-orchestrator";

  private final StudyTransactions studies;

  StepEffects(StudyTransactions studies) {
    this.studies = studies;
  }

  /**
   * Applies a step's effects to its study as transitions whose keys name the step, so a step's
   * result enters the study once however often the step is finished. An effect the study refuses
   * (it moved on meanwhile) is recorded as the step's completion instead, never lost.
   *
   * @param locked the study as read under its lock in this transaction, or null when it was not:
   *     once the study is locked and known, each effect is decided on it and written without
   *     reading it again
   */
  Study apply(
      Connection c,
      ClaimedStep step,
      Study locked,
      List<Effect> effects,
      Instant now,
      List<Study> committed)
      throws SQLException {
    Study latest = null;
    Study current = locked;
    for (Effect effect : effects) {
      String key = step.idempotencyKey() + ":" + effect.type();
      if (effect.type() == TransitionType.EXCEPTION_RAISED
          || effect.type() == TransitionType.IDENTITY_REVALIDATION_REQUESTED) {
        // The fence, not the attempt: attempts restart at a redrive that keeps the step's key, so
        // a failure after it would repeat an earlier key and open no exception.
        key = key + ":" + step.fence();
      }
      ApplyResult result = applyOne(c, step, current, transition(step, effect, key, now));
      if (result instanceof ApplyResult.Refused refused
          && effect.type() != TransitionType.STEP_COMPLETED) {
        Effect recorded =
            new Effect(
                TransitionType.STEP_COMPLETED,
                Map.of(
                    "step", step.id().toString(),
                    "kind", step.kind().name(),
                    "note", "not applied: " + refused.message()));
        result =
            applyOne(c, step, refused.study(), transition(step, recorded, key + ":recorded", now));
      }
      if (result instanceof ApplyResult.Committed done) {
        committed.add(done.study());
        latest = done.study();
      }
      current = lockedAfter(result);
    }
    return latest;
  }

  private ApplyResult applyOne(Connection c, ClaimedStep step, Study current, Transition transition)
      throws SQLException {
    return current != null
        ? studies.applyLocked(c, current, transition)
        : studies.apply(c, step.study(), transition, null);
  }

  /** The study as a result leaves it locked in this transaction; null when it says nothing. */
  private static Study lockedAfter(ApplyResult result) {
    if (result instanceof ApplyResult.Committed done) {
      return done.study();
    }
    if (result instanceof ApplyResult.Duplicate duplicate) {
      return duplicate.study();
    }
    if (result instanceof ApplyResult.Refused refused) {
      return refused.study();
    }
    return null;
  }

  private static Transition transition(ClaimedStep step, Effect effect, String key, Instant now) {
    String system = step.kind().service().map(s -> s.slug()).orElse("radflow-timer");
    return new Transition(
        effect.type(),
        key,
        now,
        now,
        new Source(system, step.idempotencyKey()),
        ORCHESTRATOR,
        effect.data(),
        List.of(),
        false);
  }
}
