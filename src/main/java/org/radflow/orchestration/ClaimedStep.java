package org.radflow.orchestration;

import java.util.UUID;
import org.radflow.study.StudyId;
import org.radflow.workflow.StepKind;

/**
 * A step a worker holds a lease on. {@code fence} is the claim's number: every write the worker
 * makes for it checks the step still carries this number, so a worker whose lease expired and was
 * taken over can write nothing.
 *
 * @param attempt this attempt's number, from 1
 * @param targetRef for an undo, what the forward step created (the slot, entry, document, charge)
 * @param takenOverFrom the worker whose expired lease this claim replaced, or {@code null}
 * @param retainedRef the blob holding the request the step retained, or {@code null}
 * @param traceParent the W3C traceparent of the commit that started the step, or {@code null}: the
 *     step's spans continue that trace
 */
public record ClaimedStep(
    UUID id,
    StudyId study,
    StepKind kind,
    String idempotencyKey,
    int attempt,
    int maxAttempts,
    long fence,
    String owner,
    String targetRef,
    String takenOverFrom,
    String retainedRef,
    String traceParent) {}
