package org.radflow.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A webhook subscription as the store shows it: never its secret, only a hint of it.
 *
 * @param secretHint the secret's last four characters behind an ellipsis, so an operator can tell
 *     which secret is configured without the API ever returning it
 * @param eventTypes the event types it receives, or the single entry {@code *} for all
 */
public record WebhookSubscription(
    UUID id,
    String url,
    String secretHint,
    List<String> eventTypes,
    boolean active,
    Instant createdAt,
    String createdBy) {

  public WebhookSubscription {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(url, "url must not be null");
    eventTypes = List.copyOf(eventTypes);
  }

  /** The hint shown instead of a secret. */
  public static String hint(String secret) {
    return "…" + secret.substring(Math.max(0, secret.length() - 4));
  }
}
