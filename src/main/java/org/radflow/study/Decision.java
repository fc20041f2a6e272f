package org.radflow.study;

import java.util.List;

/** What the model says to a command: accepted with its changes, or refused and why. */
public sealed interface Decision {

  /** How an accepted command took effect. */
  enum Outcome {
    APPLIED,
    HELD,
    /**
     * The study already showed what the transition says (see {@link Observations}): it was recorded
     * as an observation, and no track moved.
     */
    ALREADY_KNOWN
  }

  /**
   * Accepted: {@code changes} are what to append to the history, in order; {@code after} is the
   * study once they are applied. A held command has one change; an applied one may release held
   * transitions that follow it; one already known has its observation and moves no track.
   */
  record Accepted(Outcome outcome, List<Change> changes, Study after) implements Decision {
    public Accepted {
      Require.present(outcome, "outcome");
      changes = List.copyOf(changes);
      if (changes.isEmpty()) {
        throw new IllegalArgumentException("an accepted decision has at least one change");
      }
      Require.present(after, "after");
    }
  }

  /** Refused: nothing changes. {@code message} says why, in words a person can act on. */
  record Refused(Refusal refusal, String message) implements Decision {
    public Refused {
      Require.present(refusal, "refusal");
      Require.text(message, "message");
    }
  }

  /** Why a command was refused. */
  enum Refusal {
    /** The transition cannot follow the track's current state, now or later. */
    ILLEGAL_TRANSITION,
    /** An obligation the study still owes forbids it (for example identity not validated). */
    OBLIGATION_UNMET,
    /**
     * The command contradicts the study (merging a patient into itself, joining at a bad state).
     */
    INVALID,
    /**
     * An observation of a state the study already passed names another value than the study holds
     * (another study instance UID); the message names both.
     */
    CONTRADICTS
  }
}
