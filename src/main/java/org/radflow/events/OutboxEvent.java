package org.radflow.events;

import java.time.Instant;
import java.util.UUID;
import org.radflow.study.StudyId;

/**
 * An event waiting to be published. {@code studySeq} is the history position it reports, so per
 * study the events are ordered exactly as the changes were committed.
 *
 * @param payload JSON carrying identifiers and references, never patient demographics
 */
public record OutboxEvent(
    long id,
    UUID eventId,
    StudyId studyId,
    long studySeq,
    String eventType,
    String payload,
    Instant createdAt,
    Instant publishedAt) {}
