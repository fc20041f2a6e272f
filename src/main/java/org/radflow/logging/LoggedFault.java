package org.radflow.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A fault as the log may show it: its kind and where it happened, never its message. A message can
 * quote what the fault was about: HAPI's parse errors quote the segment they choked on, a
 * PostgreSQL error may carry the failing row, a model refusal may quote the value it refused. The
 * log keeps the class names and the stack frames, which say where to look; the message stays with
 * whoever has the right to see the payload (an ACK, a dead letter, an API problem).
 */
public final class LoggedFault extends RuntimeException {

  /** Deep enough for any real chain; a cycle or an absurd chain is cut here. */
  private static final int MAX_CAUSES = 16;

  private LoggedFault(Throwable fault, LoggedFault cause) {
    super(fault.getClass().getName() + " (its message is not logged)", cause, false, true);
    setStackTrace(fault.getStackTrace());
  }

  /**
   * {@code fault} and its causes, each reduced to its class name and its stack: what to pass to a
   * logger as the throwable, so the stack trace is logged without the messages.
   */
  public static LoggedFault of(Throwable fault) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable link = fault;
        link != null && chain.size() <= MAX_CAUSES && seen.add(link);
        link = link.getCause()) {
      chain.add(link);
    }
    LoggedFault logged = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      logged = new LoggedFault(chain.get(i), logged);
    }
    return logged;
  }

  /**
   * One line for a log message: the fault's class, its root cause's class when another, and the
   * frame it was thrown from; for example {@code StoreException (caused by PSQLException) at
   * org.radflow.db.GroupCommitter.commit(GroupCommitter.java:149)}.
   */
  public static String describe(Throwable fault) {
    Throwable root = fault;
    for (int depth = 0; root.getCause() != null && depth < MAX_CAUSES; depth++) {
      root = root.getCause();
    }
    StringBuilder line = new StringBuilder(fault.getClass().getSimpleName());
    if (root != fault) {
      line.append(" (caused by ").append(root.getClass().getSimpleName()).append(')');
    }
    StackTraceElement[] frames = fault.getStackTrace();
    if (frames.length > 0) {
      line.append(" at ").append(frames[0]);
    }
    return line.toString();
  }
}
