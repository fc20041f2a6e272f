package org.radflow.audit;

import java.time.Instant;
import org.radflow.study.StudyId;

/**
 * Which operator actions to list; every present (non-null) criterion must match. Newest first; a
 * page continues with {@code beforeId} set to the id of the previous page's last action, so actions
 * recorded meanwhile do not shift the pages.
 *
 * @param study actions on this study
 * @param actor actions by this actor, exactly as audited
 * @param action actions of this name, e.g. {@code REDRIVE} ({@link AuditTrail#actionNames})
 * @param from recorded at or after this instant
 * @param to recorded before this instant
 * @param beforeId actions with a smaller id than this
 * @param limit 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(
    StudyId study,
    String actor,
    String action,
    Instant from,
    Instant to,
    Long beforeId,
    int limit) {

  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to, were " + from + " and " + to);
    }
  }

  /** The newest {@code limit} actions; of one study when {@code study} is not null. */
  public static AuditQuery latest(StudyId study, int limit) {
    return new AuditQuery(study, null, null, null, null, null, limit);
  }
}
