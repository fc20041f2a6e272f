package org.radflow.events;

import java.time.Instant;
import java.util.UUID;
import org.radflow.study.StudyId;

/**
 * An event waiting to be published. {@code studySeq} is the history position it reports, so per
 * study the events are ordered exactly as the changes were committed.
 *
 * @param payload JSON carrying identifiers and references, never patient demographics
 * @param traceParent the W3C traceparent of the span the change was committed in, or {@code null}
 */
public record OutboxEvent(
    long id,
    UUID eventId,
    StudyId studyId,
    long studySeq,
    String eventType,
    String payload,
    Instant createdAt,
    Instant publishedAt,
    String traceParent) {

  /** An event committed outside any trace. */
  public OutboxEvent(
      long id,
      UUID eventId,
      StudyId studyId,
      long studySeq,
      String eventType,
      String payload,
      Instant createdAt,
      Instant publishedAt) {
    this(id, eventId, studyId, studySeq, eventType, payload, createdAt, publishedAt, null);
  }

  /** This event as published within the span {@code traceparent} (null keeps the stored one). */
  public OutboxEvent publishedIn(String traceparent) {
    return traceparent == null
        ? this
        : new OutboxEvent(
            id,
            eventId,
            studyId,
            studySeq,
            eventType,
            payload,
            createdAt,
            publishedAt,
            traceparent);
  }
}
