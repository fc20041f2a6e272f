package org.radflow.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A subscription's deliveries claimed together by {@link WebhookStore#nextRuns}: its head (oldest
 * pending delivery) and the pending deliveries right after it that were due, oldest first. They are
 * sent in this order, each only after the one before it was acknowledged.
 *
 * @param leasedUntil when the claim's lease runs out for every delivery of the run; another
 *     dispatcher may take them over after it
 */
public record DeliveryRun(UUID subscriptionId, List<DueDelivery> deliveries, Instant leasedUntil) {

  public DeliveryRun {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(leasedUntil, "leasedUntil");
    deliveries = List.copyOf(deliveries);
    if (deliveries.isEmpty()) {
      throw new IllegalArgumentException("deliveries must not be empty");
    }
    for (DueDelivery delivery : deliveries) {
      if (!delivery.subscriptionId().equals(subscriptionId)) {
        throw new IllegalArgumentException(
            "deliveries must all be of subscription " + subscriptionId + ", not " + delivery);
      }
    }
  }
}
