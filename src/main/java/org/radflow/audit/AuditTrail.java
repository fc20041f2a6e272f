package org.radflow.audit;

import java.util.List;
import org.radflow.study.StudyId;

/**
 * The audit of what operators did: who, when, to what, why and with what outcome. Append-only.
 * Actions that change something record themselves in their own transaction (each feature's store
 * does); this seam records actions that change nothing else and reads the trail.
 */
public interface AuditTrail {

  /** The most names {@link #actionNames} answers. */
  int MAX_ACTION_NAMES = 200;

  /**
   * The newest {@code limit} actions, newest first; of one study when {@code study} is not null.
   */
  default List<OperatorAction> actions(StudyId study, int limit) {
    return actions(AuditQuery.latest(study, limit));
  }

  /**
   * The actions that match every criterion of the query, newest first (by id, which increases in
   * the order actions were recorded), at most its limit. Served by indexes on each criterion.
   */
  List<OperatorAction> actions(AuditQuery query);

  /**
   * The distinct action names the trail holds, alphabetically, at most {@code limit} of them (1 to
   * {@link #MAX_ACTION_NAMES}): what a filter can offer. Costs one index probe per name, however
   * long the trail.
   */
  List<String> actionNames(int limit);

  /** Records an action on its own, committed before this returns. */
  void record(OperatorAction action);
}
