package org.radflow.orchestration;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.radflow.blob.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the requests national steps retained once the steps are done and the retention has
 * passed: a retained request holds a report's metadata or a patient's search keys, and is kept no
 * longer than audit and support need it.
 */
final class RetentionPurge implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
  private static final int BATCH = 500;

  private final StepStore steps;
  private final BlobStore blobs;
  private final StepRequests settings;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "radflow-retention-purge");
            thread.setDaemon(true);
            return thread;
          });

  RetentionPurge(StepStore steps, BlobStore blobs, StepRequests settings, Clock clock) {
    this.steps = steps;
    this.blobs = blobs;
    this.settings = settings;
    this.clock = clock;
  }

  void start() {
    long every = settings.purgeEvery().toMillis();
    timer.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** Purges what is due now; how many retained requests it deleted. */
  int purge() {
    int total = 0;
    int purged;
    do {
      purged =
          steps.purgeRetained(
              clock.instant().minus(settings.keepFor()), BATCH, blobs::delete, clock.instant());
      total += purged;
    } while (purged == BATCH);
    return total;
  }

  private void purgeQuietly() {
    try {
      int purged = purge();
      if (purged > 0) {
        log.info("purged {} retained national requests past their retention", purged);
      }
    } catch (RuntimeException e) {
      log.warn("purging retained requests failed; the next round tries again: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
