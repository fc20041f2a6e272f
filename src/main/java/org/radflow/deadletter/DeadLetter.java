package org.radflow.deadletter;

import java.time.Instant;
import java.util.Objects;
import org.radflow.blob.BlobRef;

/**
 * An inbound message radflow could not process, as stored: what was received and why it failed,
 * exactly as recorded, and what operators have done with it since.
 *
 * @param received where and when it came from, what it claimed to be, why it failed, where its raw
 *     bytes are; never changes
 * @param attempts how many times reprocessing was started
 * @param lastAttemptAt when reprocessing was last started; null before any
 * @param lastOutcome what the last attempt (or the discard) came to, in words; null before any
 * @param reprocessingUntil while an attempt runs, when its claim lapses; null otherwise
 */
public record DeadLetter(
    long id,
    NewDeadLetter received,
    Status status,
    int attempts,
    Instant lastAttemptAt,
    String lastOutcome,
    Instant reprocessingUntil) {

  /** OPEN until it is reprocessed successfully or discarded; both are final. */
  public enum Status {
    OPEN,
    REPROCESSED,
    DISCARDED
  }

  public DeadLetter {
    Objects.requireNonNull(received, "received must be present");
    Objects.requireNonNull(status, "status must be present");
  }

  public String channel() {
    return received.channel();
  }

  public BlobRef raw() {
    return received.raw();
  }

  /** How operator actions and the audit name it. */
  public String target() {
    return "dead letter " + id;
  }
}
