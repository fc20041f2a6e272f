package org.radflow.deadletter;

/**
 * Processes a dead letter's raw message again, as its channel would have on arrival — the port an
 * inbound channel implements so its bad messages can be retried once someone has fixed the cause (a
 * missing order created, a mapping corrected). One reprocessor per {@link #channel()}.
 *
 * <p>It commits whatever the message means in radflow's own transactions, keyed by the business
 * transition as for any inbound message, so processing a message that did get through before is
 * answered as a duplicate and changes nothing.
 */
public interface DeadLetterReprocessor {

  /** The channel whose dead letters this processes, as in {@link DeadLetter#channel()}. */
  String channel();

  /**
   * Processes {@code raw}, the exact bytes received, stored under {@code letter.raw()}. Throws only
   * for a fault; a message that still cannot be processed is {@link Outcome.Rejected}.
   */
  Outcome reprocess(DeadLetter letter, byte[] raw);

  /** What processing the message again came to. */
  sealed interface Outcome {

    /** Committed: the letter is done with. {@code summary} says what it became. */
    record Accepted(String summary) implements Outcome {}

    /** Still cannot be processed, because of {@code reason}: the letter stays open. */
    record Rejected(String reason) implements Outcome {}

    /** radflow cannot commit now (database, blob store down): try later; stays open. */
    record Unavailable(String reason) implements Outcome {}

    /** In words, for the letter's last outcome and the audit. */
    default String describe() {
      if (this instanceof Accepted accepted) {
        return "accepted: " + accepted.summary();
      }
      if (this instanceof Rejected rejected) {
        return "rejected: " + rejected.reason();
      }
      return "unavailable: " + ((Unavailable) this).reason();
    }
  }
}
