package org.radflow.hl7;

/** What processing one message came to, before it is acknowledged. */
public sealed interface Hl7Verdict {

  /** Everything it asked is committed or was already done: AA. */
  record Accepted(String summary) implements Hl7Verdict {}

  /**
   * It cannot be processed as sent: AR, and it is kept as a dead letter. {@code accession}: the
   * study it was for, when the mapping got that far.
   */
  record Rejected(Hl7Rejection rejection, String reason, String accession) implements Hl7Verdict {
    Rejected(Hl7Rejection rejection, String reason) {
      this(rejection, reason, null);
    }
  }

  /** radflow cannot commit now: AE, and the sender keeps the message and sends it again. */
  record Unavailable(String reason) implements Hl7Verdict {}
}
