package org.radflow.audit;

import java.util.List;
import org.radflow.study.StudyId;

/**
 * The audit of what operators did: who, when, to what, why and with what outcome. Append-only.
 * Actions that change something record themselves in their own transaction (each feature's store
 * does); this seam records actions that change nothing else and reads the trail.
 */
public interface AuditTrail {

  /**
   * The newest {@code limit} actions, newest first; of one study when {@code study} is not null.
   */
  List<OperatorAction> actions(StudyId study, int limit);

  /** Records an action on its own, committed before this returns. */
  void record(OperatorAction action);
}
