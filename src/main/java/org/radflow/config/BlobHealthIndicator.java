package org.radflow.config;

import org.radflow.blob.BlobException;
import org.radflow.blob.BlobStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code blob} component of {@code /actuator/health}: the blob directory is writable, or the
 * bucket answers (which also catches a missing bucket, which a single blob's lookup cannot).
 */
@Component
class BlobHealthIndicator implements HealthIndicator {

  private final BlobStore blobs;

  BlobHealthIndicator(BlobStore blobs) {
    this.blobs = blobs;
  }

  @Override
  public Health health() {
    try {
      blobs.ping();
      return Health.up().withDetail("store", blobs.describe()).build();
    } catch (BlobException e) {
      return Health.down()
          .withDetail("store", blobs.describe())
          .withDetail("error", e.getMessage())
          .build();
    }
  }
}
