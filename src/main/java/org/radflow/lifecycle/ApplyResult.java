package org.radflow.lifecycle;

import java.util.List;
import java.util.function.Function;
import org.radflow.study.Decision;
import org.radflow.study.Study;

/** What {@link StudyStore#apply} did. Expected business outcomes are values, not exceptions. */
public sealed interface ApplyResult {

  /**
   * One function per kind of result, so every caller says what each means and the compiler asks
   * again when a kind is added.
   */
  default <T> T fold(
      Function<? super Committed, ? extends T> committed,
      Function<? super Duplicate, ? extends T> duplicate,
      Function<? super Conflict, ? extends T> conflict,
      Function<? super Refused, ? extends T> refused,
      Function<? super VersionMismatch, ? extends T> versionMismatch,
      Function<? super TooLarge, ? extends T> tooLarge,
      Function<? super NotFound, ? extends T> notFound) {
    return fold(
        new Cases<T>(committed, duplicate, conflict, refused, versionMismatch, tooLarge, notFound));
  }

  /** What to do with each kind, one function apiece. */
  record Cases<T>(
      Function<? super Committed, ? extends T> committed,
      Function<? super Duplicate, ? extends T> duplicate,
      Function<? super Conflict, ? extends T> conflict,
      Function<? super Refused, ? extends T> refused,
      Function<? super VersionMismatch, ? extends T> versionMismatch,
      Function<? super TooLarge, ? extends T> tooLarge,
      Function<? super NotFound, ? extends T> notFound) {}

  <T> T fold(Cases<T> cases);

  /** Committed: the study after the command, and the history entries it appended. */
  record Committed(Decision.Outcome outcome, Study study, List<HistoryEntry> appended)
      implements ApplyResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.committed().apply(this);
    }
  }

  /**
   * The idempotency key was used before with the same content: nothing was written. {@code
   * originalOutcome} is what the first submission did; {@code study} is the study now.
   */
  record Duplicate(Decision.Outcome originalOutcome, long originalSeq, Study study)
      implements ApplyResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.duplicate().apply(this);
    }
  }

  /** The key was used before with different content. Recorded, never applied. */
  record Conflict(String idempotencyKey, String originalFingerprint, String conflictingFingerprint)
      implements ApplyResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.conflict().apply(this);
    }
  }

  /** The model refused the transition; nothing was written. */
  record Refused(Decision.Refusal refusal, String message, Study study) implements ApplyResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.refused().apply(this);
    }
  }

  /** The caller expected another version of the study. */
  record VersionMismatch(long expected, long actual) implements ApplyResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.versionMismatch().apply(this);
    }
  }

  /** Inline data above the configured limit; the caller must pass a reference instead. */
  record TooLarge(int limitBytes, int actualBytes) implements ApplyResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.tooLarge().apply(this);
    }
  }

  record NotFound() implements ApplyResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.notFound().apply(this);
    }
  }
}
