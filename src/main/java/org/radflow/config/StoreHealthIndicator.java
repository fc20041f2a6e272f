package org.radflow.config;

import org.radflow.db.Database;
import org.radflow.db.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code store} component of {@code /actuator/health}: a trivial query against the study
 * database, so health reflects the database itself and not merely a pool that exists.
 *
 * <p>Only authorized callers see these details (management.endpoint.health.show-details). The
 * database's own error message stays in the log: it may name the file or host it could not reach.
 */
@Component
class StoreHealthIndicator implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(StoreHealthIndicator.class);

  private final Database store;

  StoreHealthIndicator(Database store) {
    this.store = store;
  }

  @Override
  public Health health() {
    try {
      store.ping();
      return Health.up().withDetail("database", store.describe()).build();
    } catch (StoreException e) {
      log.warn("database health check failed: {}", e.getMessage());
      return Health.down()
          .withDetail("database", store.describe())
          .withDetail("kind", e.kind().name())
          .build();
    }
  }
}
