package org.radflow.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * The work in hand at one moment, as the alerts read it.
 *
 * @param exceptionLane studies whose status is IN_EXCEPTION: each waits for a person
 * @param reportsOverdue studies with committed images and no final report (not cancelled) whose
 *     report turnaround deadline has passed, whether or not its timer has fired yet
 * @param openDeadLetters dead letters neither reprocessed nor discarded, over every channel
 * @param readAt when the figures were read
 */
public record WorkFigures(
    long exceptionLane, long reportsOverdue, long openDeadLetters, Instant readAt) {

  /** Before the first read: nothing known, so nothing to alert on. */
  public static final WorkFigures NONE = new WorkFigures(0, 0, 0, Instant.EPOCH);

  public WorkFigures {
    if (exceptionLane < 0 || reportsOverdue < 0 || openDeadLetters < 0) {
      throw new IllegalArgumentException(
          "counts cannot be negative: exceptionLane="
              + exceptionLane
              + ", reportsOverdue="
              + reportsOverdue
              + ", openDeadLetters="
              + openDeadLetters);
    }
    Objects.requireNonNull(readAt, "readAt must be present");
  }
}
