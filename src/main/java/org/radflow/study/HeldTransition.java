package org.radflow.study;

import java.time.Instant;

/** A transition that arrived before its prerequisite, kept until it applies or its deadline. */
public record HeldTransition(Transition transition, TrackState awaiting, Instant deadline) {
  public HeldTransition {
    Require.present(transition, "held.transition");
    Require.present(awaiting, "held.awaiting");
    Require.present(deadline, "held.deadline");
  }
}
