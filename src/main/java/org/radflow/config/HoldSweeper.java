package org.radflow.config;

import java.time.Duration;
import org.radflow.lifecycle.StudyLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Expires held early events past their deadline. The deadline is stored with the study, so this
 * sweep is only the trigger: after a restart the first sweep catches up on everything due.
 *
 * <p>Deadline work, so it runs where the steps (and their timers) run: on nodes with {@code
 * radflow.orchestration.enabled} (the default), not on ingest-only ones. Several such nodes may
 * sweep at once; each study's holds expire once, under its row lock.
 */
@Component
@ConditionalOnProperty(
    name = "radflow.orchestration.enabled",
    havingValue = "true",
    matchIfMissing = true)
class HoldSweeper extends PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);

  private final StudyLifecycle lifecycle;
  private final RadflowProperties properties;

  HoldSweeper(StudyLifecycle lifecycle, RadflowProperties properties) {
    super("radflow-hold-sweeper", "hold sweep");
    this.lifecycle = lifecycle;
    this.properties = properties;
  }

  @Override
  Duration interval() {
    return properties.holdSweepInterval();
  }

  @Override
  void runOnce() {
    int expired = lifecycle.expireDueHolds();
    if (expired > 0) {
      log.info("moved {} studies with expired early events to the exception lane", expired);
    }
  }
}
