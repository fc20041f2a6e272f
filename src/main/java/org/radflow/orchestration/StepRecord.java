package org.radflow.orchestration;

import java.time.Instant;
import java.util.UUID;
import org.radflow.study.StudyId;
import org.radflow.workflow.StepKind;
import org.radflow.workflow.StepStatus;

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
    boolean urgent) {}
