package org.radflow.config;

import java.time.Clock;
import java.time.Duration;
import org.radflow.lifecycle.StudyStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Samples how many studies are in each status, for the console's chart of the last hours. Every
 * node samples; the store keeps the first sample of each minute, so nodes need not agree on who
 * samples. Samples once at start, so a chart has a point as soon as a node is up.
 */
@Component
@EnableConfigurationProperties(ConsoleSamplingProperties.class)
class StatusSampler extends PeriodicTask {

  private final StudyStore studies;
  private final ConsoleSamplingProperties properties;
  private final Clock clock;

  StatusSampler(StudyStore studies, ConsoleSamplingProperties properties, Clock clock) {
    super("radflow-status-sampler", "sampling studies per status");
    this.studies = studies;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  Duration interval() {
    return properties.sampleInterval();
  }

  /** Takes this minute's sample, unless another node took it. */
  @Override
  void runOnce() {
    studies.sampleStatuses(clock.instant(), properties.sampleRetention());
  }
}
