package org.radflow.orchestration;

import java.time.Instant;

/**
 * What a step records of the request it retained: the encrypted blob's name, the key that sealed
 * it, and its size. Never the content; the API shows exactly this.
 *
 * @param purgedAt when the blob was purged after the step succeeded, or {@code null}
 */
public record RetainedRequest(String blobRef, String keyId, int size, Instant purgedAt) {}
