package org.radflow.config;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.radflow.db.StoreException;
import org.radflow.lifecycle.StudyLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Expires held early events past their deadline. The deadline is stored with the study, so this
 * sweep is only the trigger: after a restart the first sweep catches up on everything due.
 */
@Component
class HoldSweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);

  private final StudyLifecycle lifecycle;
  private final RadflowProperties properties;
  private ScheduledExecutorService executor;

  HoldSweeper(StudyLifecycle lifecycle, RadflowProperties properties) {
    this.lifecycle = lifecycle;
    this.properties = properties;
  }

  @Override
  public void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "radflow-hold-sweeper");
              thread.setDaemon(true);
              return thread;
            });
    long every = properties.holdSweepInterval().toMillis();
    executor.scheduleWithFixedDelay(this::sweep, 0, every, TimeUnit.MILLISECONDS);
  }

  private void sweep() {
    try {
      int expired = lifecycle.expireDueHolds();
      if (expired > 0) {
        log.info("moved {} studies with expired early events to the exception lane", expired);
      }
    } catch (StoreException e) {
      log.warn("hold sweep failed, will try again: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.error("hold sweep failed, will try again", e);
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
