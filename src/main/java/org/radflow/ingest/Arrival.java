package org.radflow.ingest;

import org.radflow.lifecycle.ApplyResult;
import org.radflow.study.EntryKind;
import org.radflow.study.Study;
import org.radflow.study.TrackState;

/** What a transition that arrived from outside (an imaging event, an HL7 message) came to. */
public sealed interface Arrival {

  /**
   * The study was new: it joined late, at the imaging state {@code reached}. {@code again}: the
   * study had already joined with what this transition says (a re-send, or a step the join
   * attested); nothing new was written.
   */
  record Joined(Study study, EntryKind entryKind, TrackState reached, boolean again)
      implements Arrival {}

  /** The transition was committed, held, or was a re-send (see the result). */
  record Applied(ApplyResult result) implements Arrival {}

  /** The study is unknown and the transition cannot open it: the reason says what is missing. */
  record Refused(String reason) implements Arrival {}
}
