package org.radflow.audit;

import java.time.Instant;
import org.radflow.study.StudyId;

/** One operator action, as audited: who did what to what, when, why, and what came of it. */
public record OperatorAction(
    long id,
    Instant at,
    String actor,
    String action,
    String target,
    StudyId study,
    String reason,
    String outcome) {}
