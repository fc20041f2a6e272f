package org.radflow.webhook;

import java.time.Instant;
import java.util.UUID;
import org.radflow.study.StudyId;

/**
 * One event on its way to one subscription, as operators see it (the dead-letter view).
 *
 * @param attempts how many times it was handed to a dispatcher (a claim counts, so a crash mid-send
 *     counts too)
 * @param lastStatus the receiver's last HTTP status, null when it never answered
 */
public record WebhookDelivery(
    long id,
    UUID subscriptionId,
    UUID eventId,
    StudyId studyId,
    long studySeq,
    String eventType,
    String payload,
    boolean replay,
    Status status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Integer lastStatus,
    Instant createdAt,
    Instant deliveredAt) {

  public enum Status {
    /** Waiting for its turn or for its next attempt. */
    PENDING,
    /** A receiver acknowledged it with a 2xx. */
    DELIVERED,
    /**
     * Gave up after the last attempt, or its target was refused, or it arrived while its
     * subscription's backlog was full ({@code lastError} says which); waits for an operator to
     * redeliver it.
     */
    DEAD,
    /** Its subscription was deactivated while it waited: never sent, never redelivered. */
    CANCELLED
  }
}
