package org.radflow.lifecycle;

import java.util.List;
import org.radflow.study.Decision;
import org.radflow.study.Study;

/** What {@link StudyStore#apply} did. Expected business outcomes are values, not exceptions. */
public sealed interface ApplyResult {

  /** Committed: the study after the command, and the history entries it appended. */
  record Committed(Decision.Outcome outcome, Study study, List<HistoryEntry> appended)
      implements ApplyResult {}

  /**
   * The idempotency key was used before with the same content: nothing was written. {@code
   * originalOutcome} is what the first submission did; {@code study} is the study now.
   */
  record Duplicate(Decision.Outcome originalOutcome, long originalSeq, Study study)
      implements ApplyResult {}

  /** The key was used before with different content. Recorded, never applied. */
  record Conflict(String idempotencyKey, String originalFingerprint, String conflictingFingerprint)
      implements ApplyResult {}

  /** The model refused the transition; nothing was written. */
  record Refused(Decision.Refusal refusal, String message, Study study) implements ApplyResult {}

  /** The caller expected another version of the study. */
  record VersionMismatch(long expected, long actual) implements ApplyResult {}

  /** Inline data above the configured limit; the caller must pass a reference instead. */
  record TooLarge(int limitBytes, int actualBytes) implements ApplyResult {}

  record NotFound() implements ApplyResult {}
}
