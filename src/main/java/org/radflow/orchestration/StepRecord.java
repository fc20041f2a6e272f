package org.radflow.orchestration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.workflow.StepKind;
import org.radflow.workflow.StepStatus;
import org.radflow.workflow.WorkflowStatus;

/**
 * One step as stored: what it is, where it is, and what its last attempt came to.
 *
 * @param retained the request the step retained when it was written (a national step), or {@code
 *     null}
 * @param urgent whether its study's order is STAT or ASAP, which releases it first after an outage
 */
public record StepRecord(
    UUID id,
    StudyId study,
    StepKind kind,
    StepStatus status,
    String idempotencyKey,
    int attempts,
    int maxAttempts,
    Instant dueAt,
    String leaseOwner,
    Instant leaseUntil,
    long fence,
    String takenOverFrom,
    String lastOutcome,
    String lastError,
    String externalRef,
    UUID compensates,
    String targetRef,
    Instant suspendedAt,
    int redrives,
    Instant createdAt,
    Instant updatedAt,
    Instant completedAt,
    String completedBy,
    RetainedRequest retained,
    boolean urgent) {

  /**
   * A study's status as its steps refine it: the open ones say which service is actually being
   * called ({@link WorkflowStatus}). One derivation for every reader of a study's status.
   */
  public static EndToEndStatus statusOf(Study study, List<StepRecord> stepsOfStudy) {
    return WorkflowStatus.of(
        study,
        stepsOfStudy.stream()
            .filter(s -> s.status().isOpen())
            .map(s -> new WorkflowStatus.OpenStep(s.kind(), s.status()))
            .toList());
  }
}
