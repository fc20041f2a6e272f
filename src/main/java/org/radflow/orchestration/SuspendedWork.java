package org.radflow.orchestration;

import java.time.Instant;

/**
 * The work suspended on one service: how much, since when, how much of it urgent, and how far a
 * release has drained it.
 *
 * @param oldest when the oldest suspended step was written, or {@code null} with none
 * @param releaseTotal how many steps were suspended when the current or last release started, or
 *     {@code null} before any release
 */
public record SuspendedWork(long suspended, Instant oldest, long urgent, Integer releaseTotal) {

  public static final SuspendedWork NONE = new SuspendedWork(0, null, 0, null);

  /** How many of the release's steps were made due so far. */
  public long released() {
    return releaseTotal == null ? 0 : Math.max(0, releaseTotal - suspended);
  }
}
