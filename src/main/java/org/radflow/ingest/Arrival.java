package org.radflow.ingest;

import java.util.function.Function;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.study.EntryKind;
import org.radflow.study.Study;
import org.radflow.study.TrackState;

/** What a transition that arrived from outside (an imaging event, an HL7 message) came to. */
public sealed interface Arrival {

  /**
   * One function per kind of result, so every caller says what each means and the compiler asks
   * again when a kind is added.
   */
  default <T> T fold(
      Function<? super Joined, ? extends T> joined,
      Function<? super Applied, ? extends T> applied,
      Function<? super Refused, ? extends T> refused) {
    return fold(new Cases<T>(joined, applied, refused));
  }

  /** What to do with each kind, one function apiece. */
  record Cases<T>(
      Function<? super Joined, ? extends T> joined,
      Function<? super Applied, ? extends T> applied,
      Function<? super Refused, ? extends T> refused) {}

  <T> T fold(Cases<T> cases);

  /**
   * The study was new: it joined late, at the imaging state {@code reached}. {@code again}: the
   * study had already joined with what this transition says (a re-send, or a step the join
   * attested); nothing new was written.
   */
  record Joined(Study study, EntryKind entryKind, TrackState reached, boolean again)
      implements Arrival {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.joined().apply(this);
    }
  }

  /** The transition was committed, held, or was a re-send (see the result). */
  record Applied(ApplyResult result) implements Arrival {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.applied().apply(this);
    }
  }

  /** The study is unknown and the transition cannot open it: the reason says what is missing. */
  record Refused(String reason) implements Arrival {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.refused().apply(this);
    }
  }
}
