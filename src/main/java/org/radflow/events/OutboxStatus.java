package org.radflow.events;

import java.time.Instant;

/**
 * The outbox's lag, as operators watch it.
 *
 * @param backlog events committed and not yet published (parked ones included)
 * @param oldestUnpublished when the oldest of them was committed, or {@code null} when none
 * @param parked events the relay gave up on
 */
public record OutboxStatus(long backlog, Instant oldestUnpublished, long parked) {}
