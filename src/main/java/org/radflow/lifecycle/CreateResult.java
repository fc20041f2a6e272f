package org.radflow.lifecycle;

import java.util.function.Function;
import org.radflow.study.Decision;
import org.radflow.study.Study;

/** What {@link StudyStore#create} did. */
public sealed interface CreateResult {

  /**
   * One function per kind of result, so every caller says what each means and the compiler asks
   * again when a kind is added.
   */
  default <T> T fold(
      Function<? super Created, ? extends T> created,
      Function<? super Existing, ? extends T> existing,
      Function<? super Conflict, ? extends T> conflict,
      Function<? super Refused, ? extends T> refused,
      Function<? super TooLarge, ? extends T> tooLarge) {
    return fold(new Cases<T>(created, existing, conflict, refused, tooLarge));
  }

  /** What to do with each kind, one function apiece. */
  record Cases<T>(
      Function<? super Created, ? extends T> created,
      Function<? super Existing, ? extends T> existing,
      Function<? super Conflict, ? extends T> conflict,
      Function<? super Refused, ? extends T> refused,
      Function<? super TooLarge, ? extends T> tooLarge) {}

  <T> T fold(Cases<T> cases);

  record Created(Study study, HistoryEntry entry) implements CreateResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.created().apply(this);
    }
  }

  /** A study with this business key and the same creation content exists: nothing was written. */
  record Existing(Study study) implements CreateResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.existing().apply(this);
    }
  }

  /** A study with this business key exists with different creation content. Recorded. */
  record Conflict(Study existing, String originalFingerprint, String conflictingFingerprint)
      implements CreateResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.conflict().apply(this);
    }
  }

  record Refused(Decision.Refusal refusal, String message) implements CreateResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.refused().apply(this);
    }
  }

  record TooLarge(int limitBytes, int actualBytes) implements CreateResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.tooLarge().apply(this);
    }
  }
}
