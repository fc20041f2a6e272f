package org.radflow.hl7;

/** What reading the next MLLP frame from a connection came to. */
sealed interface MllpFrame {

  /** A whole message between a start block (0x0B) and an end block (0x1C 0x0D). */
  record Complete(byte[] message) implements MllpFrame {}

  /** A whole frame larger than the limit: its first bytes, and how large it was. */
  record Oversized(byte[] retained, long size) implements MllpFrame {}

  /**
   * Bytes that are not a whole frame: cut off by a closed or stalled connection, by a new start
   * block, or sent without one.
   *
   * @param fatal the connection cannot be trusted to be in step any more and is closed
   */
  record Broken(byte[] bytes, String reason, boolean fatal) implements MllpFrame {}

  /** The sender said nothing for the idle timeout between frames: its slot is given back. */
  record Idle(java.time.Duration silent) implements MllpFrame {}

  /** The sender closed the connection between frames. */
  record Closed() implements MllpFrame {}
}
