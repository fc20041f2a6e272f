package org.radflow.config;

import org.radflow.db.Database;
import org.radflow.db.StoreException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code store} component of {@code /actuator/health}: a trivial query against the study
 * database, so health reflects the database itself and not merely a pool that exists.
 */
@Component
class StoreHealthIndicator implements HealthIndicator {

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
      return Health.down()
          .withDetail("database", store.describe())
          .withDetail("kind", e.kind().name())
          .withDetail("error", e.getMessage())
          .build();
    }
  }
}
