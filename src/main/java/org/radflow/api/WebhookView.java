package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.radflow.webhook.WebhookSubscription;

/** A webhook subscription as the API shows it: its secret only as a hint. */
public record WebhookView(
    UUID id,
    String url,
    @Schema(description = "the secret's last four characters", example = "…f00d") String secretHint,
    List<String> eventTypes,
    boolean active,
    Instant createdAt,
    String createdBy) {

  static WebhookView of(WebhookSubscription s) {
    return new WebhookView(
        s.id(), s.url(), s.secretHint(), s.eventTypes(), s.active(), s.createdAt(), s.createdBy());
  }
}
