package org.radflow.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.radflow.study.Change;
import org.radflow.study.StudyId;

/**
 * One row of a study's append-only history: the change at position {@code seq} (from 1). Each entry
 * is published as exactly one event.
 *
 * @param traceParent the W3C traceparent of the span the change was committed in, or {@code null}
 *     when tracing was off
 */
public record HistoryEntry(StudyId studyId, long seq, Change change, String traceParent) {

  /** An entry committed outside any trace. */
  public HistoryEntry(StudyId studyId, long seq, Change change) {
    this(studyId, seq, change, null);
  }

  /** The id of this entry's event. */
  public java.util.UUID eventId() {
    return eventId(studyId, seq);
  }

  /** Event ids derive from study and position, so any re-publication carries the same id. */
  public static UUID eventId(StudyId study, long seq) {
    return UUID.nameUUIDFromBytes((study + ":" + seq).getBytes(StandardCharsets.UTF_8));
  }
}
