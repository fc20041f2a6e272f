package org.radflow.study;

import java.time.Instant;

/**
 * Something about this study that needs a person, with the reason a person can act on.
 *
 * @param id the history position of the change that opened it; unique within the study
 * @param step the orchestration step it concerns, or {@code null}
 */
public record OpenException(long id, Kind kind, String reason, Instant openedAt, String step) {
  public enum Kind {
    /** An early event's prerequisite did not arrive before its deadline. */
    EARLY_EVENT_EXPIRED,
    /** A held early event can no longer apply (for example the study was cancelled meanwhile). */
    EARLY_EVENT_REFUSED,
    /** A step failed for good: retries exhausted or a non-retryable error. */
    STEP_FAILED,
    /** The undo of a completed step failed; the external effect may still exist. */
    COMPENSATION_FAILED,
    /** A durable timer fired: something did not happen in time. */
    DEADLINE_MISSED
  }

  public OpenException {
    if (id < 1) {
      throw new IllegalArgumentException("exception.id must be a history position, was " + id);
    }
    Require.present(kind, "exception.kind");
    Require.text(reason, "exception.reason");
    Require.present(openedAt, "exception.openedAt");
  }
}
