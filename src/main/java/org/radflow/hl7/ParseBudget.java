package org.radflow.hl7;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The heap that messages being parsed and mapped at once may take, across every connection. HAPI's
 * model of a message takes from six to hundreds of times its raw size (by its shape, {@link
 * MessageShape#estimatedModelBytes}), so 64 connections each parsing a megabyte could take the
 * whole heap; with a budget, a large message waits while others are parsed, and is answered AE
 * (send it again) if the wait would be longer than a sender waits for its ACK.
 *
 * <p>Permits are bytes of estimated model. A message larger than the whole budget takes all of it,
 * so it is parsed alone rather than never. The semaphore is fair, so a large message is not passed
 * over forever by small ones.
 */
final class ParseBudget {

  private final int bytes;
  private final Duration wait;
  private final Semaphore permits;

  ParseBudget(long bytes, Duration wait) {
    if (bytes < 1) {
      throw new IllegalArgumentException("RADFLOW_MLLP_PARSE_BUDGET_BYTES must be at least 1");
    }
    this.bytes = (int) Math.min(Integer.MAX_VALUE, bytes);
    this.wait = wait;
    this.permits = new Semaphore(this.bytes, true);
  }

  /** What a message holds while it is parsed; closing it (once or more) gives the bytes back. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes {@code size} bytes of the budget, waiting at most the budget's wait; empty when they did
   * not come free in time (or the thread was interrupted).
   */
  Optional<Held> take(long size) {
    int wanted = (int) Math.max(1, Math.min(size, bytes));
    try {
      if (!permits.tryAcquire(wanted, wait.toMillis(), TimeUnit.MILLISECONDS)) {
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    AtomicBoolean held = new AtomicBoolean(true);
    return Optional.of(
        () -> {
          if (held.getAndSet(false)) {
            permits.release(wanted);
          }
        });
  }

  /** Bytes free now: for tests and metrics. */
  int available() {
    return permits.availablePermits();
  }

  int bytes() {
    return bytes;
  }
}
