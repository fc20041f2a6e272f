package org.radflow.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.radflow.blob.BlobException;
import org.radflow.blob.BlobStore;

/**
 * The operator's actions on dead letters: read the raw message, reprocess, discard.
 *
 * <p>Reprocessing claims the letter first (one attempt at a time per letter, see {@link
 * DeadLetterStore}), fetches the raw bytes, hands them to the reprocessor of the letter's channel
 * and records what came of it. Every attempt is recorded, whatever its outcome, so the letter shows
 * how often it was tried and why it is still open:
 *
 * <ul>
 *   <li>Accepted: the letter becomes REPROCESSED.
 *   <li>Rejected: it stays OPEN; the rejection becomes its last outcome.
 *   <li>Unavailable: it stays OPEN and the attempt counts, though nothing about the message was
 *       learnt, because an operator asking "was this tried?" deserves the true answer. Raw bytes
 *       that cannot be read from the blob store end the attempt the same way.
 * </ul>
 *
 * A reprocessor that throws is a fault: the attempt is recorded as unavailable, so the claim is
 * released at once rather than when it lapses, and the exception goes on to the caller.
 */
public final class DeadLetters {

  /** How long an attempt may hold a letter before another may take it over. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  private final DeadLetterStore store;
  private final BlobStore blobs;
  private final Map<String, DeadLetterReprocessor> reprocessors = new HashMap<>();
  private final Clock clock;
  private final Duration lease;

  /**
   * @param reprocessors at most one per channel
   * @param lease longer than a reprocessor may take: a lapsed claim lets a second attempt run
   */
  public DeadLetters(
      DeadLetterStore store,
      BlobStore blobs,
      Collection<DeadLetterReprocessor> reprocessors,
      Clock clock,
      Duration lease) {
    this.store = Objects.requireNonNull(store, "store");
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lease = Objects.requireNonNull(lease, "lease");
    for (DeadLetterReprocessor reprocessor : reprocessors) {
      DeadLetterReprocessor other = this.reprocessors.put(reprocessor.channel(), reprocessor);
      if (other != null) {
        throw new IllegalArgumentException(
            "two reprocessors for channel "
                + reprocessor.channel()
                + ": "
                + other
                + ", "
                + reprocessor);
      }
    }
  }

  /** A letter and its raw bytes, read by an operator. */
  public record Raw(DeadLetter letter, byte[] bytes) {}

  /**
   * The letter's raw message, its reading audited. Empty when there is no such letter.
   *
   * @throws BlobException when the bytes cannot be read; nothing is audited then
   */
  public Optional<Raw> raw(long id, String actor, String reason) {
    Optional<DeadLetter> letter = store.deadLetter(id);
    if (letter.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = blobs.get(letter.get().raw().sha256());
    return store
        .deadLetterForRawRead(id, actor, reason, clock.instant())
        .map(audited -> new Raw(audited, bytes));
  }

  public Reprocessing reprocess(long id, String actor, String reason) {
    Optional<DeadLetter> found = store.deadLetter(id);
    if (found.isEmpty()) {
      return new Reprocessing.NotFound(id);
    }
    DeadLetterReprocessor reprocessor = reprocessors.get(found.get().channel());
    if (reprocessor == null) {
      return new Reprocessing.NoReprocessor(found.get());
    }
    DeadLetterChange claim = store.claimForReprocess(id, actor, reason, clock.instant(), lease);
    if (claim instanceof DeadLetterChange.NotFound) {
      return new Reprocessing.NotFound(id);
    }
    if (claim instanceof DeadLetterChange.Refused refused) {
      return new Reprocessing.Refused(refused.letter(), refused.reason());
    }
    DeadLetter claimed = ((DeadLetterChange.Changed) claim).letter();
    DeadLetterReprocessor.Outcome outcome;
    try {
      outcome = run(reprocessor, claimed);
    } catch (RuntimeException e) {
      finish(
          claimed,
          new DeadLetterReprocessor.Outcome.Unavailable("the reprocessor failed: " + e),
          actor,
          reason);
      throw e;
    }
    DeadLetterChange finished = finish(claimed, outcome, actor, reason);
    if (finished instanceof DeadLetterChange.Refused refused) {
      return new Reprocessing.Refused(refused.letter(), refused.reason());
    }
    return new Reprocessing.Done(((DeadLetterChange.Changed) finished).letter(), outcome);
  }

  private DeadLetterReprocessor.Outcome run(DeadLetterReprocessor reprocessor, DeadLetter letter) {
    byte[] raw;
    try {
      raw = blobs.get(letter.raw().sha256());
    } catch (BlobException e) {
      return new DeadLetterReprocessor.Outcome.Unavailable(
          "the raw message cannot be read: " + e.getMessage());
    }
    return Objects.requireNonNull(
        reprocessor.reprocess(letter, raw), "a reprocessor must answer with an outcome");
  }

  private DeadLetterChange finish(
      DeadLetter claimed, DeadLetterReprocessor.Outcome outcome, String actor, String reason) {
    return store.finishReprocess(
        claimed.id(), claimed.attempts(), outcome, actor, reason, clock.instant());
  }

  public DeadLetterChange discard(long id, String actor, String reason) {
    return store.discardDeadLetter(id, actor, reason, clock.instant());
  }
}
