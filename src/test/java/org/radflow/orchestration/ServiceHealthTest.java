package org.radflow.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;
import org.radflow.workflow.Answer;
import org.radflow.workflow.Service;

/**
 * A breaker this node's calls opened says the service is down; one held open because the store said
 * so does not. A step suspended by the second must not mark the service down again, which undid
 * verified recoveries while a release was starting (found by {@code radflow demo}).
 */
class ServiceHealthTest {

  private static final Service NATIONAL = Service.NATIONAL_RECORD;

  @TempDir Path home;

  @Test
  void onlyThisNodesOwnFailedCallsOpenTheBreakerAndMarkTheServiceDown() {
    try (Stores stores =
        Stores.open(Databases.sqliteUrl(home), null, null, 2, StoreSettings.defaults())) {
      ServiceHealth health =
          new ServiceHealth(
              stores.services(),
              Clock.systemUTC(),
              new HealthSettings(4, 2, 50f, Duration.ofSeconds(2), Duration.ofSeconds(1), 3));

      health.openIfClosed(NATIONAL); // the store said DOWN
      assertThat(health.permits(NATIONAL)).isFalse();
      assertThat(health.isOpen(NATIONAL)).isFalse();
      assertThat(state(stores)).isEqualTo(ServiceStatus.State.UP);

      health.closeIfOpen(NATIONAL); // the store said RELEASING
      for (int call = 0; call < 2; call++) {
        assertThat(health.permits(NATIONAL)).isTrue();
        health.record(NATIONAL, new Answer.Unavailable("connection refused"), 1_000_000);
      }
      assertThat(health.isOpen(NATIONAL)).isTrue();
      assertThat(health.permits(NATIONAL)).isFalse();
      assertThat(state(stores)).isEqualTo(ServiceStatus.State.DOWN);
    }
  }

  private static ServiceStatus.State state(Stores stores) {
    return stores.services().services().stream()
        .filter(s -> s.service() == NATIONAL)
        .findFirst()
        .orElseThrow()
        .state();
  }
}
