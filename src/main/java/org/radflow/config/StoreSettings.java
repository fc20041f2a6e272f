package org.radflow.config;

import java.time.Duration;
import org.radflow.db.SqliteSync;
import org.radflow.lifecycle.StepPayloads;
import org.radflow.tracing.Tracing;
import org.radflow.workflow.Deadlines;
import org.radflow.workflow.RetryPolicy;

/**
 * What {@link Stores#open} needs besides where the database is.
 *
 * @param inlineLimitBytes the most inline data (data, attributes, references) one command may
 *     carry; above it the caller must pass a reference to a blob instead
 * @param holdLimit how long an early transition waits for its prerequisite
 * @param sqliteSync when SQLite makes a commit durable (ignored by PostgreSQL)
 * @param deadlines when the durable timers the policies arm fire
 * @param retry how steps started by the policies back off and how many attempts they get
 * @param payloads retains the national steps' requests when the steps are written; {@link
 *     StepPayloads#NONE} for a store without a blob store (benchmarks, store tests)
 * @param tracing tells the trace each command is committed in; {@link Tracing#OFF} stores none
 */
public record StoreSettings(
    int inlineLimitBytes,
    Duration holdLimit,
    SqliteSync sqliteSync,
    Deadlines deadlines,
    RetryPolicy retry,
    StepPayloads payloads,
    Tracing tracing) {

  public StoreSettings(int inlineLimitBytes, Duration holdLimit) {
    this(inlineLimitBytes, holdLimit, SqliteSync.FULL);
  }

  public StoreSettings(int inlineLimitBytes, Duration holdLimit, SqliteSync sqliteSync) {
    this(
        inlineLimitBytes,
        holdLimit,
        sqliteSync,
        Deadlines.defaults(),
        RetryPolicy.defaults(),
        StepPayloads.NONE,
        Tracing.OFF);
  }

  public StoreSettings withWorkflow(Deadlines deadlines, RetryPolicy retry) {
    return new StoreSettings(
        inlineLimitBytes, holdLimit, sqliteSync, deadlines, retry, payloads, tracing);
  }

  public StoreSettings withPayloads(StepPayloads retaining) {
    return new StoreSettings(
        inlineLimitBytes, holdLimit, sqliteSync, deadlines, retry, retaining, tracing);
  }

  public StoreSettings withTracing(Tracing committing) {
    return new StoreSettings(
        inlineLimitBytes, holdLimit, sqliteSync, deadlines, retry, payloads, committing);
  }

  public static final int DEFAULT_INLINE_LIMIT = 16 * 1024;
  public static final Duration DEFAULT_HOLD_LIMIT = Duration.ofHours(4);

  public StoreSettings {
    if (inlineLimitBytes < 256) {
      throw new IllegalArgumentException(
          "inlineLimitBytes must be at least 256, was " + inlineLimitBytes);
    }
    if (holdLimit == null || holdLimit.isNegative() || holdLimit.isZero()) {
      throw new IllegalArgumentException("holdLimit must be positive, was " + holdLimit);
    }
    sqliteSync = sqliteSync == null ? SqliteSync.FULL : sqliteSync;
    deadlines = deadlines == null ? Deadlines.defaults() : deadlines;
    retry = retry == null ? RetryPolicy.defaults() : retry;
    tracing = tracing == null ? Tracing.OFF : tracing;
  }

  public static StoreSettings defaults() {
    return new StoreSettings(DEFAULT_INLINE_LIMIT, DEFAULT_HOLD_LIMIT);
  }
}
