package org.radflow.lifecycle;

/** What a patient merge request did: merged (a result per study), or refused and why. */
public sealed interface MergeResult {

  record Merged(PatientMerge merge) implements MergeResult {}

  /** Nothing was done; {@code reason} says why in words a person can act on. */
  record Refused(String reason) implements MergeResult {}
}
