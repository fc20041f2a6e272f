package org.radflow.lifecycle;

import org.radflow.study.Decision;
import org.radflow.study.Study;

/** What {@link StudyStore#create} did. */
public sealed interface CreateResult {

  record Created(Study study, HistoryEntry entry) implements CreateResult {}

  /** A study with this business key and the same creation content exists: nothing was written. */
  record Existing(Study study) implements CreateResult {}

  /** A study with this business key exists with different creation content. Recorded. */
  record Conflict(Study existing, String originalFingerprint, String conflictingFingerprint)
      implements CreateResult {}

  record Refused(Decision.Refusal refusal, String message) implements CreateResult {}

  record TooLarge(int limitBytes, int actualBytes) implements CreateResult {}
}
