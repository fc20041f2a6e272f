package org.radflow.study;

import java.util.Set;

/**
 * What a study still owes before certain transitions, whatever way it joined. A late join attests
 * earlier facts but never attests identity: only identity validated by radflow satisfies these.
 */
public enum Obligation {
  IDENTITY_VALIDATED_BEFORE_PUBLICATION(
      "identity must be validated by radflow before the report goes to the national record",
      Set.of(TransitionType.REPORT_PUBLISHED, TransitionType.REPORT_SUPERSEDED)),
  IDENTITY_VALIDATED_BEFORE_CLAIM(
      "identity must be validated by radflow before a claim is submitted",
      Set.of(TransitionType.CLAIM_SUBMITTED));

  private final String description;
  private final Set<TransitionType> guards;

  Obligation(String description, Set<TransitionType> guards) {
    this.description = description;
    this.guards = guards;
  }

  public String description() {
    return description;
  }

  /** The transitions refused while this obligation is open. */
  public Set<TransitionType> guards() {
    return guards;
  }

  /** Whether the study has met this obligation. */
  public boolean isMetBy(Study study) {
    return study.hasObserved(ClinicalState.IDENTITY_VALIDATED);
  }
}
