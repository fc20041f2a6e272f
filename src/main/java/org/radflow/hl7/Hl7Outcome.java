package org.radflow.hl7;

/** What one command of a message came to. */
sealed interface Hl7Outcome {

  /** Committed (applied, held, joined) or recognised as already done. */
  record Accepted(String summary) implements Hl7Outcome {}

  /**
   * radflow will not do it as sent: the reason says what to fix. {@code accession}: the study it
   * was for, so the dead letter can be found by it.
   */
  record Rejected(Hl7Rejection rejection, String reason, String accession) implements Hl7Outcome {}
}
