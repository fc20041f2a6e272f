package org.radflow.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.lifecycle.jdbc.Commands.at;
import static org.radflow.lifecycle.jdbc.Commands.study;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;
import org.radflow.workflow.Service;

/**
 * The two ages the alerts read: how long a service has been DOWN, and how old its oldest suspended
 * step is, both from the agreed rows and both growing with the clock between refreshes.
 */
class StepGaugesTest {

  @TempDir Path home;

  @Test
  void a_down_service_shows_how_long_it_has_been_down_and_its_oldest_suspended_step() {
    try (Stores stores =
        Stores.open(Databases.sqliteUrl(home), null, null, 2, StoreSettings.defaults())) {
      stores.studies().create(study("ACC-1").build()); // a VALIDATE_IDENTITY step, written at T0
      Instant down = at(5);
      stores.services().markDown(Service.IDENTITY, "connection refused", down);
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      MovableClock clock = new MovableClock(at(15));
      StepGauges gauges = new StepGauges(stores.services(), meters, clock);

      assertThat(gauge(meters, "radflow.service.down.seconds", "identity"))
          .as("nothing read yet")
          .isZero();
      gauges.refreshIfOld(clock.millis());

      assertThat(gauge(meters, "radflow.service.down.seconds", "identity")).isEqualTo(600);
      assertThat(gauge(meters, "radflow.steps.oldest.suspended.seconds", "identity"))
          .as("from the step's creation at T0")
          .isEqualTo(900);
      assertThat(gauge(meters, "radflow.service.down.seconds", "billing")).isZero();
      assertThat(gauge(meters, "radflow.steps.oldest.suspended.seconds", "billing")).isZero();

      clock.now = at(20);
      assertThat(gauge(meters, "radflow.service.down.seconds", "identity"))
          .as("grows between refreshes")
          .isEqualTo(900);

      stores.services().markRecovered(Service.IDENTITY, at(20));
      gauges.refreshIfOld(clock.millis() + StepGauges.MAX_AGE.toMillis());
      assertThat(gauge(meters, "radflow.service.down.seconds", "identity"))
          .as("RECOVERED is not DOWN")
          .isZero();
      assertThat(gauge(meters, "radflow.steps.oldest.suspended.seconds", "identity"))
          .as("its steps stay suspended until released")
          .isEqualTo(1200);
    }
  }

  private static double gauge(SimpleMeterRegistry meters, String name, String service) {
    return meters.get(name).tag("service", service).gauge().value();
  }

  /** A clock the test moves; gauges read it at scrape time. */
  private static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
