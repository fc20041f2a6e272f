package org.radflow.simulator;

import java.util.Objects;

/**
 * How a simulator misbehaves. {@code remaining} limits the fault to the next N calls (then it
 * clears itself); {@code null} means until told otherwise. Health checks show the fault but do not
 * use it up, so a probing engine cannot clear a fault a test set for its calls.
 *
 * @param delayMillis the added delay for {@code SLOW}, or how long {@code TIMEOUT} holds a request
 *     (0: {@link #TIMEOUT_HOLD_MILLIS})
 * @param status the status {@code ERROR_5XX} answers with, 500 to 599
 */
public record Fault(Mode mode, long delayMillis, int status, Integer remaining) {

  /** Far longer than any client timeout, yet short enough that a stray hold cannot stall CI. */
  public static final long TIMEOUT_HOLD_MILLIS = 30_000;

  public enum Mode {
    /** Behave. */
    NONE,
    /** Listening socket closed: connections are refused until the fault is replaced. */
    DOWN,
    /** Answer correctly, after {@code delayMillis}. */
    SLOW,
    /** Answer {@code status} (500 by default) to everything, health checks included. */
    ERROR_5XX,
    /** Hold the request far past any client timeout, then do the work and answer anyway. */
    TIMEOUT,
    /**
     * Refuse every call but GETs (lookups by POST included) with 422 {@code REJECTED_BY_SIMULATOR}.
     */
    REJECT
  }

  public Fault {
    Objects.requireNonNull(mode, "mode must not be null");
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delayMillis must not be negative, was " + delayMillis);
    }
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("status must be 5xx, was " + status);
    }
    if (remaining != null && remaining < 1) {
      throw new IllegalArgumentException("remaining must be positive or null, was " + remaining);
    }
    if (remaining != null && mode == Mode.DOWN) {
      throw new IllegalArgumentException(
          "remaining cannot apply to DOWN: a closed port counts no calls");
    }
  }

  public static Fault none() {
    return new Fault(Mode.NONE, 0, 500, null);
  }

  public static Fault down() {
    return new Fault(Mode.DOWN, 0, 500, null);
  }

  public static Fault slow(long delayMillis) {
    return new Fault(Mode.SLOW, delayMillis, 500, null);
  }

  public static Fault error(int status) {
    return new Fault(Mode.ERROR_5XX, 0, status, null);
  }

  public static Fault timeout() {
    return new Fault(Mode.TIMEOUT, 0, 500, null);
  }

  public static Fault reject() {
    return new Fault(Mode.REJECT, 0, 500, null);
  }

  /** The same fault, for the next {@code calls} calls only. */
  public Fault times(int calls) {
    return new Fault(mode, delayMillis, status, calls);
  }

  long holdMillis() {
    return delayMillis > 0 ? delayMillis : TIMEOUT_HOLD_MILLIS;
  }
}
