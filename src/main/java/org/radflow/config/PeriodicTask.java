package org.radflow.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.radflow.db.StoreException;
import org.radflow.logging.LoggedFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A task a node runs on its own daemon thread, at once and then every interval, for as long as the
 * application runs. A failure is logged and waits for the next turn: a database that is away
 * (StoreException) as one line, anything else with its stack trace.
 */
abstract class PeriodicTask implements SmartLifecycle {

  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String thread;
  private final String what;
  private ScheduledExecutorService executor;

  PeriodicTask(String thread, String what) {
    this.thread = thread;
    this.what = what;
  }

  /** How long between the end of one run and the start of the next. */
  abstract Duration interval();

  /** One run. */
  abstract void runOnce();

  @Override
  public void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, thread);
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        this::runLogged, 0, interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runLogged() {
    try {
      runOnce();
    } catch (StoreException e) {
      log.warn("{} failed, will try again: {}", what, e.getMessage());
    } catch (RuntimeException e) {
      // a task applies transitions to studies: its fault's message may quote one
      log.error("{} failed, will try again: {}", what, LoggedFault.describe(e), LoggedFault.of(e));
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
