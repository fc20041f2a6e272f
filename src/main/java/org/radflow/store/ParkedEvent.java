package org.radflow.store;

import java.time.Instant;
import org.radflow.outbox.OutboxEvent;

/** An event the relay gave up on after its attempts, with why; the study's later events wait. */
public record ParkedEvent(OutboxEvent event, int attempts, String lastError, Instant parkedAt) {}
