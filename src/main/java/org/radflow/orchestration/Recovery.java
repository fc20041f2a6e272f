package org.radflow.orchestration;

import java.time.Instant;
import java.util.UUID;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.study.StudyId;

/**
 * What an operator does when the workflow needs a person: redrive a failed step, compensate a
 * study, resolve an exception. Each is audited in the transaction of what it changes.
 *
 * <p>{@code StepStoreContractTest} checks every clause below against both databases.
 */
public interface Recovery {

  /**
   * Makes a failed step due again, resolving the exception it raised, and audits it. Refused where
   * unsafe: the study is cancelled or compensated, or the step did not fail. A step whose last
   * answer was a business refusal gets a new idempotency key (the system said no, so nothing
   * happened and the same key would only repeat the no); any other keeps its key, so an effect that
   * did happen is not repeated.
   */
  Redrive redrive(UUID step, String actor, String reason, Instant now);

  /**
   * Records {@code COMPENSATION_REQUESTED} on the study — whose policy stops its open steps and
   * chains the undos of its completed ones, newest first — and audits it.
   */
  ApplyResult compensate(StudyId study, String actor, String reason, Instant now);

  /** Closes an open exception with a note, and audits it. */
  ApplyResult resolve(StudyId study, long exception, String actor, String note, Instant now);
}
