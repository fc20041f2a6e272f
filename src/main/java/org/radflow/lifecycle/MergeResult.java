package org.radflow.lifecycle;

import java.util.function.Function;

/** What a patient merge request did: merged (a result per study), or refused and why. */
public sealed interface MergeResult {

  /**
   * One function per kind of result, so every caller says what each means and the compiler asks
   * again when a kind is added.
   */
  default <T> T fold(
      Function<? super Merged, ? extends T> merged,
      Function<? super Refused, ? extends T> refused) {
    return fold(new Cases<T>(merged, refused));
  }

  /** What to do with each kind, one function apiece. */
  record Cases<T>(
      Function<? super Merged, ? extends T> merged,
      Function<? super Refused, ? extends T> refused) {}

  <T> T fold(Cases<T> cases);

  record Merged(PatientMerge merge) implements MergeResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.merged().apply(this);
    }
  }

  /** Nothing was done; {@code reason} says why in words a person can act on. */
  record Refused(String reason) implements MergeResult {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.refused().apply(this);
    }
  }
}
