package org.radflow.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;
import org.radflow.study.StudyId;

/**
 * A delivery claimed for sending: everything a dispatcher needs, including the subscription's
 * secret to sign it with, as stored ({@link WebhookSecrets#open} makes it usable). Only {@link
 * WebhookStore#nextRuns} returns one; {@link #toString()} leaves the secret, the payload and any
 * credentials in the URL out so they cannot reach a log.
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
        + withoutCredentials(url)
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

  /**
   * The URL as a log may show it: a receiver that takes its own token in the query or as user
   * information ({@code https://user:token@host/hook?key=…}) keeps it out of radflow's log.
   */
  static String withoutCredentials(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        return "(a URL radflow cannot read)";
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
          + (uri.getRawPath() == null ? "" : uri.getRawPath())
          + (uri.getRawQuery() == null ? "" : "?…");
    } catch (URISyntaxException | RuntimeException e) {
      return "(a URL radflow cannot read)";
    }
  }
}
