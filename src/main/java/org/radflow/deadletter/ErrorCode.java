package org.radflow.deadletter;

/** Why a message became a dead letter, as a program dispatches on it; the reason text says more. */
public enum ErrorCode {
  /** Not a message of the channel's protocol at all (no MSH segment, broken structure). */
  UNPARSEABLE,
  /** HL7 encoding characters (MSH-2) other than the ones radflow reads. */
  WRONG_ENCODING_CHARACTERS,
  /** A well-formed message of a type or trigger event radflow does not handle. */
  UNSUPPORTED_MESSAGE,
  /** A field holds a value radflow does not map (an order control, a result status, a charset). */
  UNSUPPORTED_VALUE,
  /** The message is about a study radflow does not know and cannot open from it. */
  UNKNOWN_STUDY,
  /** A field radflow needs (accession number, control id, patient id …) is absent or empty. */
  MISSING_FIELD,
  /** Larger than the channel accepts. */
  OVERSIZED,
  /** The transport frame ended before the message did (MLLP end block missing). */
  TRUNCATED_FRAME,
  /** Understood, but the study model refused it (illegal transition, unmet obligation). */
  REFUSED_BY_RULES,
  /** Anything else; the reason says what. */
  OTHER
}
