package org.radflow.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.store.ApplyResult;
import org.radflow.store.CreateResult;
import org.radflow.store.InboundMessage;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.TransitionType;

/**
 * Turns imaging events into lifecycle commands. A known study gets the transition; a study radflow
 * has not seen joins late at the state the event proves, as an encounter (modality first), a
 * downtime recovery (backfill, original times kept) or an outside import — it is never dropped.
 */
public final class ImagingIngest {

  private final StudyLifecycle lifecycle;

  public ImagingIngest(StudyLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** What an event came to. */
  public sealed interface Outcome {
    /**
     * The study was new: it joined late, at {@code joinedAt}. {@code again}: this event had already
     * opened it (a re-send), nothing new was written.
     */
    record Joined(Study study, EntryKind entryKind, ImagingState joinedAt, boolean again)
        implements Outcome {}

    /** The transition was committed, held, or was a re-send (see the result). */
    record Applied(ApplyResult result) implements Outcome {}

    /** The study is new and the event cannot open it: the reason says what is missing. */
    record Refused(String reason) implements Outcome {}
  }

  public Outcome receive(ImagingEvent event, Optional<InboundMessage> message) {
    Optional<Study> known = lifecycle.store().findByBusinessKey(event.study());
    if (known.isEmpty()) {
      if (event.patient() == null) {
        return new Outcome.Refused(
            "study "
                + event.study()
                + " is not known to radflow and the event names no patient; send the patient"
                + " (assigning authority and id) so the study can join");
      }
      EntryKind kind = entryKind(event);
      ImagingState at = joinedAt(event.type());
      CreateResult created = lifecycle.open(draft(event, kind, at));
      if (created instanceof CreateResult.Created c) {
        return new Outcome.Joined(c.study(), kind, at, false);
      }
      if (created instanceof CreateResult.Existing e) {
        return new Outcome.Joined(e.study(), kind, at, true);
      }
      if (created instanceof CreateResult.Refused refused) {
        return new Outcome.Refused(refused.message());
      }
      // another event opened it first (or this one re-sent): apply to what exists
      known = lifecycle.store().findByBusinessKey(event.study());
    }
    Study study = known.orElseThrow();
    ImagingState proves = joinedAt(event.type());
    if (study.facts().stream().anyMatch(f -> f.state() == proves && !f.isObserved())) {
      // the study joined late at or beyond this point: its join already records what this event
      // says (a re-sent joining event, or a step the join attested)
      return new Outcome.Joined(study, study.entryKind(), proves, true);
    }
    TransitionDraft transition =
        new TransitionDraft(
            transitionOf(event.type()),
            "imaging:" + transitionOf(event.type()) + ":" + event.studyInstanceUid(),
            event.happenedAt(),
            new Source(event.sourceSystem(), message.map(InboundMessage::messageId).orElse(null)),
            event.actor(),
            Map.of("studyInstanceUid", event.studyInstanceUid()),
            references(event));
    return new Outcome.Applied(lifecycle.apply(study.id(), transition, null, message.orElse(null)));
  }

  private static EntryKind entryKind(ImagingEvent event) {
    if (event.downtime()) {
      return EntryKind.DOWNTIME_RECOVERY;
    }
    return event.type() == ImagingEvent.Type.IMPORT_COMPLETED
        ? EntryKind.OUTSIDE_IMPORT
        : EntryKind.ENCOUNTER;
  }

  private static ImagingState joinedAt(ImagingEvent.Type type) {
    return switch (type) {
      case ACQUISITION_STARTED -> ImagingState.ACQUISITION_IN_PROGRESS;
      case ACQUISITION_COMPLETED -> ImagingState.ACQUISITION_COMPLETE;
      case STORAGE_COMMITTED, IMPORT_COMPLETED -> ImagingState.IMAGES_COMMITTED;
    };
  }

  private static TransitionType transitionOf(ImagingEvent.Type type) {
    return switch (type) {
      case ACQUISITION_STARTED -> TransitionType.ACQUISITION_STARTED;
      case ACQUISITION_COMPLETED -> TransitionType.ACQUISITION_COMPLETED;
      case STORAGE_COMMITTED, IMPORT_COMPLETED -> TransitionType.IMAGES_COMMITTED;
    };
  }

  private static StudyDraft draft(ImagingEvent event, EntryKind kind, ImagingState at) {
    return new StudyDraft(
        event.study(),
        event.patient(),
        kind,
        at,
        event.happenedAt(),
        new Source(event.sourceSystem(), null),
        event.actor(),
        Map.of("studyInstanceUid", event.studyInstanceUid()),
        references(event));
  }

  private static List<Reference> references(ImagingEvent event) {
    List<Reference> references = new ArrayList<>();
    references.add(new Reference("dicom-study", "dicom:studies/" + event.studyInstanceUid(), null));
    if (event.manifest() != null) {
      references.add(new Reference("manifest", event.manifest().toString(), event.contentHash()));
    }
    if (event.importJobId() != null) {
      references.add(new Reference("import-job", "import:jobs/" + event.importJobId(), null));
    }
    return references;
  }
}
