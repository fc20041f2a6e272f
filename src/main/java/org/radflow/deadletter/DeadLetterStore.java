package org.radflow.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where dead letters are kept. The raw bytes stay in the blob store; a letter holds their
 * reference. Letters are never deleted: a reprocessed or discarded letter stays, closed, as the
 * record of what was received and what became of it.
 *
 * <p>Reprocessing is claimed, then finished: {@link #claimForReprocess} lets one attempt at a time
 * run per letter (a conditional update on its status and claim, so of two operators, or two nodes,
 * only one wins), and {@link #finishReprocess} writes the outcome fenced by the attempt number, so
 * an attempt whose claim lapsed and was taken over writes nothing.
 *
 * <p>Operator writes are audited in their own transaction, refusals too, with target {@code dead
 * letter <id>}. {@code DeadLetterStoreContractTest} checks every clause below against both
 * databases.
 */
public interface DeadLetterStore {

  /**
   * Records an OPEN letter with no attempts and returns its id. Not idempotent: the same message
   * failing twice is two letters (with one blob between them), each a fact of its own.
   */
  long recordDeadLetter(NewDeadLetter letter);

  Optional<DeadLetter> deadLetter(long id);

  /**
   * The letter, after auditing that {@code actor} reads its raw message ({@code
   * READ_DEAD_LETTER_RAW}): raw messages carry patient data. The audit commits before the letter is
   * returned, so no read goes unaudited. Empty, with nothing audited, when there is no such letter.
   */
  Optional<DeadLetter> deadLetterForRawRead(long id, String actor, String reason, Instant now);

  /** The letters matching {@code query}, newest first, a page at a time. */
  DeadLetterPage searchDeadLetters(DeadLetterQuery query);

  /** How many letters are in this status (the console's count of those still open). */
  long countDeadLetters(DeadLetter.Status status);

  /**
   * Starts a reprocessing attempt: an OPEN letter that no unlapsed claim holds gets its attempts
   * incremented, its last attempt set to {@code now} and a claim until {@code now + lease}; the
   * returned letter's {@code attempts} is the attempt number to finish with. Refused (and audited)
   * when the letter is not OPEN, or is claimed until after {@code now}; of concurrent claims
   * exactly one is Changed.
   */
  DeadLetterChange claimForReprocess(
      long id, String actor, String reason, Instant now, Duration lease);

  /**
   * Ends attempt {@code attempt} with its outcome and audits it ({@code REPROCESS_DEAD_LETTER}):
   * Accepted makes the letter REPROCESSED, Rejected and Unavailable leave it OPEN; the outcome in
   * words becomes its last outcome, and the claim is released. Written only if the letter is still
   * OPEN at {@code attempt}; otherwise Refused, and nothing changes (the claim lapsed and another
   * attempt took the letter).
   */
  DeadLetterChange finishReprocess(
      long id,
      int attempt,
      DeadLetterReprocessor.Outcome outcome,
      String actor,
      String reason,
      Instant now);

  /**
   * Closes an OPEN letter that no unlapsed claim holds as DISCARDED, with {@code discarded by
   * <actor>: <reason>} as its last outcome, and audits it ({@code DISCARD_DEAD_LETTER}). Refused
   * (and audited) otherwise.
   */
  DeadLetterChange discardDeadLetter(long id, String actor, String reason, Instant now);
}
