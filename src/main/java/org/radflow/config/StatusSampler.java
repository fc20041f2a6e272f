package org.radflow.config;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.radflow.db.StoreException;
import org.radflow.lifecycle.StudyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Samples how many studies are in each status, for the console's chart of the last hours. Every
 * node samples; the store keeps the first sample of each minute, so nodes need not agree on who
 * samples. Samples once at start, so a chart has a point as soon as a node is up.
 */
@Component
@EnableConfigurationProperties(ConsoleSamplingProperties.class)
class StatusSampler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StatusSampler.class);

  private final StudyStore studies;
  private final ConsoleSamplingProperties properties;
  private final Clock clock;
  private ScheduledExecutorService executor;

  StatusSampler(StudyStore studies, ConsoleSamplingProperties properties, Clock clock) {
    this.studies = studies;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "radflow-status-sampler");
              thread.setDaemon(true);
              return thread;
            });
    long every = properties.sampleInterval().toMillis();
    executor.scheduleWithFixedDelay(this::sample, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Takes this minute's sample, unless another node took it; a failure waits for the next turn. */
  void sample() {
    try {
      studies.sampleStatuses(clock.instant(), properties.sampleRetention());
    } catch (StoreException e) {
      log.warn("sampling studies per status failed, will try again: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.error("sampling studies per status failed, will try again", e);
    }
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null && !executor.isShutdown();
  }
}
