package org.radflow.webhook;

import java.util.UUID;
import org.radflow.study.StudyId;

/**
 * A delivery claimed for sending: everything a dispatcher needs, including the subscription's
 * secret to sign it with, as stored ({@link WebhookSecrets#open} makes it usable). Only {@link
 * WebhookStore#nextRuns} returns one; {@link #toString()} leaves the secret out so it cannot reach
 * a log.
 *
 * @param attempt the number of this attempt, 1 for the first; it fences the outcome, which is
 *     written only while the delivery is still at this attempt
 * @param traceParent the W3C traceparent of the publication that queued the delivery, sent as
 *     header {@code traceparent}; null when tracing was off
 */
public record DueDelivery(
    long id,
    UUID subscriptionId,
    String url,
    StoredSecret secret,
    UUID eventId,
    StudyId studyId,
    long studySeq,
    String eventType,
    String payload,
    boolean replay,
    int attempt,
    String traceParent) {

  /** A delivery queued outside any trace. */
  public DueDelivery(
      long id,
      UUID subscriptionId,
      String url,
      StoredSecret secret,
      UUID eventId,
      StudyId studyId,
      long studySeq,
      String eventType,
      String payload,
      boolean replay,
      int attempt) {
    this(
        id,
        subscriptionId,
        url,
        secret,
        eventId,
        studyId,
        studySeq,
        eventType,
        payload,
        replay,
        attempt,
        null);
  }

  @Override
  public String toString() {
    return "DueDelivery[id="
        + id
        + ", subscription="
        + subscriptionId
        + ", url="
        + url
        + ", event="
        + eventId
        + " ("
        + eventType
        + "), study="
        + studyId
        + "#"
        + studySeq
        + ", attempt="
        + attempt
        + "]";
  }
}
