package org.radflow.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

/** A transition as an adapter received it: everything but the record time. */
public record TransitionDraft(
    TransitionType type,
    String idempotencyKey,
    Instant businessTime,
    Source source,
    String actor,
    Map<String, String> data,
    List<Reference> references) {

  /** The command this draft becomes when radflow records it at {@code recordTime}. */
  public Transition toCommand(Instant recordTime) {
    return new Transition(
        type,
        idempotencyKey,
        businessTime == null ? recordTime : businessTime,
        recordTime,
        source,
        actor,
        data,
        references,
        businessTime != null);
  }
}
