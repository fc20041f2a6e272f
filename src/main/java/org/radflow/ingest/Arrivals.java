package org.radflow.ingest;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.CreateResult;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.lifecycle.InboundMessage;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyReads;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.study.BusinessKey;
import org.radflow.study.Change;
import org.radflow.study.Reference;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.TrackState;

/**
 * Applies a transition that arrived from outside to the study it names, and lets a study radflow
 * has not seen join late instead of dropping what arrived: late joins are normal.
 */
public final class Arrivals {

  private final StudyLifecycle lifecycle;
  private final StudyReads studies;

  public Arrivals(StudyLifecycle lifecycle, StudyReads studies) {
    this.lifecycle = lifecycle;
    this.studies = studies;
  }

  /**
   * @param join how the study joins when radflow does not know it; empty when the transition cannot
   *     open a study (the reason then says what must come first)
   * @param unknownReason what to answer when the study is unknown and cannot join
   */
  public Arrival receive(
      BusinessKey study,
      TransitionDraft transition,
      Optional<StudyDraft> join,
      String unknownReason) {
    return receive(
        study, transition, join, unknownReason, id -> lifecycle.apply(id, transition, null));
  }

  /**
   * As {@link #receive(BusinessKey, TransitionDraft, Optional, String)}, for a transition that
   * arrived in a transport message: a redelivery of the message is answered with its first outcome.
   */
  public Arrival receive(
      BusinessKey study,
      TransitionDraft transition,
      Optional<StudyDraft> join,
      String unknownReason,
      InboundMessage message) {
    return receive(
        study,
        transition,
        join,
        unknownReason,
        id -> lifecycle.apply(id, transition, null, message));
  }

  private Arrival receive(
      BusinessKey study,
      TransitionDraft transition,
      Optional<StudyDraft> join,
      String unknownReason,
      Function<StudyId, ApplyResult> apply) {
    // only the id first: the store reads the study once, under its lock, when applying
    Optional<StudyId> known = studies.idOf(study);
    if (known.isEmpty()) {
      if (join.isEmpty()) {
        return new Arrival.Refused(unknownReason);
      }
      StudyDraft draft = join.get();
      CreateResult created = lifecycle.open(draft);
      if (created instanceof CreateResult.Refused refused) {
        return new Arrival.Refused(refused.message());
      }
      if (created instanceof CreateResult.Created c && attests(c.study(), transition)) {
        return new Arrival.Joined(c.study(), draft.entryKind(), draft.joinedAt(), false);
      }
      // joined short of what the transition says, or another message opened it first
      known = studies.idOf(study);
      if (known.isEmpty()) {
        return new Arrival.Refused(unknownReason);
      }
    }
    if (transition.type().isObservable()) {
      // the model would record this as an observation; a re-send of the message the study joined
      // with is answered from the join instead, writing nothing. Attested facts never change, so
      // reading before the store's locked read is safe.
      Optional<Study> current = studies.find(known.get()).filter(s -> joinedAgain(s, transition));
      if (current.isPresent()) {
        return joined(current.get(), transition);
      }
    }
    ApplyResult result = apply.apply(known.get());
    if (result instanceof ApplyResult.Refused refused
        && refused.study() != null
        && joinedAgain(refused.study(), transition)) {
      return joined(refused.study(), transition);
    }
    return new Arrival.Applied(result);
  }

  private static Arrival joined(Study study, TransitionDraft transition) {
    return new Arrival.Joined(study, study.entryKind(), transition.type().to(), true);
  }

  /**
   * The study joined late at or beyond this point and its join already records what this transition
   * says (a re-sent joining message, or a step the join attested with the same content).
   */
  private boolean joinedAgain(Study study, TransitionDraft transition) {
    return attests(study, transition) && joinedWith(study, transition);
  }

  /**
   * Whether the study joined with this transition's content: every reference the transition carries
   * (a report, a manifest), apart from the raw message it came in, is one the join kept. Otherwise
   * it is different content under an attested state, and stays refused.
   */
  private boolean joinedWith(Study study, TransitionDraft transition) {
    List<Reference> content =
        transition.references().stream().filter(r -> !r.isOutsideFingerprint()).toList();
    if (content.isEmpty()) {
      return true;
    }
    List<HistoryEntry> history = studies.history(study.id());
    if (history.isEmpty() || !(history.get(0).change() instanceof Change.Created created)) {
      return false;
    }
    return created.study().references().containsAll(content);
  }

  /** The study joined late at or beyond the state this transition reaches: its join says it. */
  private static boolean attests(Study study, TransitionDraft transition) {
    TrackState reaches = transition.type().to();
    return reaches != null
        && study.facts().stream().anyMatch(f -> f.state() == reaches && !f.isObserved());
  }
}
