package org.radflow.deadletter;

/** What an operator's request to reprocess a dead letter came to. */
public sealed interface Reprocessing {

  /** The reprocessor ran; its outcome is recorded on the letter (as it is now). */
  record Done(DeadLetter letter, DeadLetterReprocessor.Outcome outcome) implements Reprocessing {}

  /** No dead letter with that id. */
  record NotFound(long id) implements Reprocessing {}

  /** Not attempted: the letter is closed, or another attempt holds it. */
  record Refused(DeadLetter letter, String reason) implements Reprocessing {}

  /** Not attempted: this node has no reprocessor for the letter's channel. */
  record NoReprocessor(DeadLetter letter) implements Reprocessing {}
}
