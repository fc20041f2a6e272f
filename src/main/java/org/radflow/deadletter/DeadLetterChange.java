package org.radflow.deadletter;

/**
 * What a write to one dead letter came to. Refusals are values, not exceptions: a letter that is no
 * longer OPEN, or that another attempt is reprocessing, is an expected answer with its reason.
 */
public sealed interface DeadLetterChange {

  /** Written; the letter as it is now. */
  record Changed(DeadLetter letter) implements DeadLetterChange {}

  /** No dead letter with that id. */
  record NotFound(long id) implements DeadLetterChange {}

  /** Not written, because of {@code reason}; the letter as it is. */
  record Refused(DeadLetter letter, String reason) implements DeadLetterChange {}
}
