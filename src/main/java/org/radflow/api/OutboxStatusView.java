package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.radflow.events.EventBackbone;
import org.radflow.events.OutboxStatus;

/**
 * The outbox's lag as this node sees it, with whether it publishes to Kafka and which relay
 * partitions it holds; the API and the console both show this.
 */
@Schema(name = "StatusView")
public record OutboxStatusView(
    long backlog,
    Instant oldestUnpublished,
    double oldestUnpublishedAgeSeconds,
    long parked,
    boolean kafka,
    List<Integer> relayPartitions) {

  /** {@code running} is null on a node whose relay is off. */
  public static OutboxStatusView of(OutboxStatus status, EventBackbone running, Instant now) {
    return new OutboxStatusView(
        status.backlog(),
        status.oldestUnpublished(),
        status.oldestUnpublished() == null
            ? 0
            : Duration.between(status.oldestUnpublished(), now).toMillis() / 1000.0,
        status.parked(),
        running != null && running.kafka(),
        running == null ? List.of() : running.partitions());
  }
}
