package org.radflow.api;

import java.time.Instant;
import java.util.UUID;
import org.radflow.webhook.WebhookDelivery;

/** One event's delivery to one subscription, as the dead-letter view shows it. */
public record WebhookDeliveryView(
    long id,
    UUID subscriptionId,
    UUID eventId,
    String studyId,
    long studySeq,
    String eventType,
    boolean replay,
    String status,
    int attempts,
    Instant nextAttemptAt,
    Integer lastStatus,
    String lastError,
    Instant createdAt,
    Instant deliveredAt) {

  static WebhookDeliveryView of(WebhookDelivery d) {
    return new WebhookDeliveryView(
        d.id(),
        d.subscriptionId(),
        d.eventId(),
        d.studyId().toString(),
        d.studySeq(),
        d.eventType(),
        d.replay(),
        d.status().name(),
        d.attempts(),
        d.nextAttemptAt(),
        d.lastStatus(),
        d.lastError(),
        d.createdAt(),
        d.deliveredAt());
  }
}
