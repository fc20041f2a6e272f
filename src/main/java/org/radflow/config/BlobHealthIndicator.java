package org.radflow.config;

import org.radflow.blob.BlobException;
import org.radflow.blob.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code blob} component of {@code /actuator/health}: the blob directory is writable, or the
 * bucket answers (which also catches a missing bucket, which a single blob's lookup cannot).
 *
 * <p>Its details name neither the directory, the bucket nor the active key: they tell an attacker
 * where the payloads are and which key to go after, and an operator finds them in the startup log.
 * Why the store is down goes to the log too, as the blob store's message may name a path.
 */
@Component
class BlobHealthIndicator implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(BlobHealthIndicator.class);

  private final BlobStore blobs;

  BlobHealthIndicator(BlobStore blobs) {
    this.blobs = blobs;
  }

  @Override
  public Health health() {
    try {
      blobs.ping();
      return Health.up().build();
    } catch (BlobException e) {
      log.warn("blob store health check failed: {}", e.getMessage());
      return Health.down()
          .withDetail("error", "the blob store cannot be reached or written; the log says why")
          .build();
    }
  }
}
