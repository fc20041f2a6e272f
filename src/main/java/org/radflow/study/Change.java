package org.radflow.study;

import java.time.Instant;

/**
 * One entry of a study's append-only history. A study is exactly the fold of its changes ({@link
 * Study#replay}); each change is written with its outbox row in the same transaction.
 */
public sealed interface Change {

  /** When radflow recorded this change. */
  Instant at();

  /** The event name published for this change. */
  String eventType();

  /** The study was opened, as scheduled or as a late join. */
  record Created(NewStudy study) implements Change {
    public Created {
      Require.present(study, "created.study");
    }

    @Override
    public Instant at() {
      return study.recordTime();
    }

    @Override
    public String eventType() {
      return study.entryKind().isLateJoin() ? "study.joined" : "study.created";
    }
  }

  /** A transition was applied, at once or on release from hold. */
  record Applied(Transition transition, Instant at, boolean releasedFromHold) implements Change {
    public Applied {
      Require.present(transition, "applied.transition");
      Require.present(at, "applied.at");
    }

    @Override
    public String eventType() {
      return "study.transition.applied";
    }
  }

  /**
   * A transition whose effect the study already showed: recorded as who saw it and when, moving no
   * track (see {@link Observations}). {@code releasedFromHold}: it was held as early, and the study
   * passed its state meanwhile.
   */
  record Observed(Transition transition, Instant at, boolean releasedFromHold) implements Change {
    public Observed {
      Require.present(transition, "observed.transition");
      Require.present(at, "observed.at");
    }

    @Override
    public String eventType() {
      return "study.observation.recorded";
    }
  }

  /** A transition arrived before its prerequisite and is held until it applies or expires. */
  record Held(HeldTransition held) implements Change {
    public Held {
      Require.present(held, "held");
    }

    @Override
    public Instant at() {
      return held.transition().recordTime();
    }

    @Override
    public String eventType() {
      return "study.transition.held";
    }
  }

  /** A held transition can no longer apply; it is taken off hold into the exception lane. */
  record HoldRefused(Transition transition, String reason, Instant at) implements Change {
    public HoldRefused {
      Require.present(transition, "holdRefused.transition");
      Require.text(reason, "holdRefused.reason");
      Require.present(at, "holdRefused.at");
    }

    @Override
    public String eventType() {
      return "study.hold.refused";
    }
  }

  /** A held transition's deadline passed without its prerequisite. */
  record HoldExpired(Transition transition, TrackState awaited, Instant at) implements Change {
    public HoldExpired {
      Require.present(transition, "holdExpired.transition");
      Require.present(awaited, "holdExpired.awaited");
      Require.present(at, "holdExpired.at");
    }

    @Override
    public String eventType() {
      return "study.hold.expired";
    }
  }
}
