package org.radflow.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.radflow.lifecycle.InboundMessage;
import org.radflow.lifecycle.StudyDraft;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyReads;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.TransitionType;

/**
 * Turns imaging events into lifecycle commands. A known study gets the transition; a study radflow
 * has not seen joins late at the state the event proves, as an encounter (modality first), a
 * downtime recovery (backfill, original times kept) or an outside import — it is never dropped.
 */
public final class ImagingIngest {

  private final Arrivals arrivals;

  public ImagingIngest(StudyLifecycle lifecycle, StudyReads studies) {
    this.arrivals = new Arrivals(lifecycle, studies);
  }

  public Arrival receive(ImagingEvent event) {
    return arrivals.receive(
        event.study(),
        transition(event, new Source(event.sourceSystem(), null)),
        join(event),
        unknownReason(event));
  }

  /** An event that came in a transport message: a redelivery is answered as the first delivery. */
  public Arrival receive(ImagingEvent event, InboundMessage message) {
    return arrivals.receive(
        event.study(),
        transition(event, new Source(event.sourceSystem(), message.messageId())),
        join(event),
        unknownReason(event),
        message);
  }

  private static TransitionDraft transition(ImagingEvent event, Source source) {
    return new TransitionDraft(
        transitionOf(event.type()),
        "imaging:" + transitionOf(event.type()) + ":" + event.studyInstanceUid(),
        event.happenedAt(),
        source,
        event.actor(),
        Map.of("studyInstanceUid", event.studyInstanceUid()),
        references(event));
  }

  private static Optional<StudyDraft> join(ImagingEvent event) {
    return event.patient() == null
        ? Optional.empty()
        : Optional.of(draft(event, entryKind(event), joinedAt(event.type())));
  }

  private static String unknownReason(ImagingEvent event) {
    return "study "
        + event.study()
        + " is not known to radflow and the event names no patient; send the patient"
        + " (assigning authority and id) so the study can join";
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
