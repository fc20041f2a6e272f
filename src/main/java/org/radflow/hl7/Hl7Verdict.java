package org.radflow.hl7;

import ca.uhn.hl7v2.model.Message;

/** What processing one message came to, before it is acknowledged. */
public sealed interface Hl7Verdict {

  /** The parsed message, when HAPI could parse it: the ACK is built from it. */
  Message parsed();

  /** Everything it asked is committed or was already done: AA. */
  record Accepted(Message parsed, String summary) implements Hl7Verdict {}

  /**
   * It cannot be processed as sent: AR, and it is kept as a dead letter. {@code accession}: the
   * study it was for, when the mapping got that far.
   */
  record Rejected(Message parsed, Hl7Rejection rejection, String reason, String accession)
      implements Hl7Verdict {
    Rejected(Message parsed, Hl7Rejection rejection, String reason) {
      this(parsed, rejection, reason, null);
    }
  }

  /** radflow cannot commit now: AE, and the sender keeps the message and sends it again. */
  record Unavailable(Message parsed, String reason) implements Hl7Verdict {}
}
