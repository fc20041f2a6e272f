package org.radflow.webhook;

/**
 * A claimed delivery its receiver acknowledged with a 2xx, to be marked delivered by {@link
 * WebhookStore#delivered(java.util.List, java.time.Instant)}.
 *
 * @param attempt the claim's attempt number, which fences the write
 */
public record Acknowledged(long id, int attempt, int httpStatus) {

  public Acknowledged {
    if (httpStatus / 100 != 2) {
      throw new IllegalArgumentException("httpStatus must be a 2xx, was " + httpStatus);
    }
  }
}
