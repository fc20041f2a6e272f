package org.radflow.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.radflow.metrics.WorkGauges;
import org.radflow.metrics.jdbc.JdbcWorkFigureReads;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gauges of the work in hand that the alert rules read (deploy/prometheus/radflow-alerts.yml),
 * refreshed on every node: each node's scrape then answers alone, and the rules take the maximum
 * over the nodes.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  /**
   * How often the figures are read again. The alerts they feed wait minutes to hours before they
   * fire, and Prometheus scrapes every 15 to 60 s, so a fresher figure would change no page.
   */
  static final Duration REFRESH = Duration.ofSeconds(30);

  @Bean
  WorkGauges workGauges(Stores stores, MeterRegistry meters, Clock clock) {
    return new WorkGauges(new JdbcWorkFigureReads(stores.database()), meters, clock);
  }

  @Bean
  WorkGaugeRefresh workGaugeRefresh(WorkGauges gauges, Clock clock) {
    return new WorkGaugeRefresh(gauges, clock);
  }

  /** Reads the figures at start and then every {@link #REFRESH}. */
  static final class WorkGaugeRefresh extends PeriodicTask {

    private final WorkGauges gauges;
    private final Clock clock;

    WorkGaugeRefresh(WorkGauges gauges, Clock clock) {
      super("radflow-work-gauges", "reading the work figures for the alerts");
      this.gauges = gauges;
      this.clock = clock;
    }

    @Override
    Duration interval() {
      return REFRESH;
    }

    @Override
    void runOnce() {
      gauges.refresh(clock.instant());
    }
  }
}
