package org.radflow.lifecycle;

import java.time.Instant;
import org.radflow.study.StudyId;

/** A key reused with different content: kept for the people who must sort it out. */
public record IdempotencyConflict(
    StudyId studyId,
    String idempotencyKey,
    String originalFingerprint,
    String conflictingFingerprint,
    String conflictingCommand,
    Instant recordedAt) {}
