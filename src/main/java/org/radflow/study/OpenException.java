package org.radflow.study;

import java.time.Instant;

/** Something about this study that needs a person, with the reason a person can act on. */
public record OpenException(Kind kind, String reason, Instant openedAt) {
  public enum Kind {
    /** An early event's prerequisite did not arrive before its deadline. */
    EARLY_EVENT_EXPIRED,
    /** A held early event can no longer apply (for example the study was cancelled meanwhile). */
    EARLY_EVENT_REFUSED
  }

  public OpenException {
    Require.present(kind, "exception.kind");
    Require.text(reason, "exception.reason");
    Require.present(openedAt, "exception.openedAt");
  }
}
