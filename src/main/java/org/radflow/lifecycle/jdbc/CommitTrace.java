package org.radflow.lifecycle.jdbc;

import org.radflow.db.SqlWork;

/**
 * Carries the {@code traceparent} of the command being committed to the thread that writes it. The
 * trace is learnt on the caller's thread, where its span is current, but a group commit writes on
 * the database's writer thread; the history, outbox and step rows read it from here, so no method
 * between the store's front door and the rows needs a parameter for it.
 */
public final class CommitTrace {

  private static final ThreadLocal<String> CARRIED = new ThreadLocal<>();

  private CommitTrace() {}

  /** The traceparent of the command this thread is writing, or {@code null}. */
  static String current() {
    return CARRIED.get();
  }

  /** {@code work}, run with {@code traceparent} (may be null) as the commit's trace. */
  public static <T> SqlWork<T> carrying(String traceparent, SqlWork<T> work) {
    if (traceparent == null) {
      return work;
    }
    return c -> {
      String outer = CARRIED.get();
      CARRIED.set(traceparent);
      try {
        return work.run(c);
      } finally {
        CARRIED.set(outer);
      }
    };
  }

  /** {@code work} run on this thread with {@code traceparent} as the commit's trace. */
  static <T> T with(String traceparent, java.util.function.Supplier<T> work) {
    String outer = CARRIED.get();
    CARRIED.set(traceparent);
    try {
      return work.get();
    } finally {
      CARRIED.set(outer);
    }
  }
}
