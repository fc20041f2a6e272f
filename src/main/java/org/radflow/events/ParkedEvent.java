package org.radflow.events;

import java.time.Instant;

/** An event the relay gave up on after its attempts, with why; the study's later events wait. */
public record ParkedEvent(OutboxEvent event, int attempts, String lastError, Instant parkedAt) {}
