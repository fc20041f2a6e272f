package org.radflow.demo;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One verified webhook delivery, as the receiver read it.
 *
 * @param eventId {@code X-Radflow-Event-Id}: the same on every delivery and replay of one event
 * @param type the payload's {@code change} ({@code study.created}, {@code
 *     study.transition.applied}, …), equal to {@code X-Radflow-Event-Type}
 * @param studyId the payload's {@code studyId}, equal to {@code X-Radflow-Study}
 * @param studySeq the change's position in its study's history (payload {@code studySeq})
 * @param recordedAt when radflow recorded the change (payload {@code recordTime}, the CloudEvents
 *     {@code time})
 * @param arrivedAt when the delivery reached the receiver
 * @param replay whether radflow marked it as an operator's replay ({@code X-Radflow-Replay})
 */
public record ReceivedEvent(
    UUID eventId,
    String type,
    String studyId,
    long studySeq,
    Instant recordedAt,
    Instant arrivedAt,
    boolean replay) {

  public ReceivedEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(studyId, "studyId");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(arrivedAt, "arrivedAt");
    if (studySeq < 1) {
      throw new IllegalArgumentException("studySeq must be 1 or more, was " + studySeq);
    }
  }
}
