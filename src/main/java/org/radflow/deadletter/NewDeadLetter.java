package org.radflow.deadletter;

import java.time.Instant;
import java.util.Objects;
import org.radflow.blob.BlobRef;

/**
 * A dead letter to record. What the channel knows for sure (channel, time, error code, reason, raw
 * reference) is required. What it read out of the bad message (peer, type, control id, sending
 * system, accession) is optional and taken leniently: blank becomes null and an over-long value is
 * cut to its column's size, because refusing to record bad input over its own badness would lose
 * it, and nothing accepted may be lost.
 */
public record NewDeadLetter(
    String channel,
    Instant receivedAt,
    String peer,
    String messageType,
    String controlId,
    String sendingSystem,
    String accession,
    ErrorCode errorCode,
    String reason,
    BlobRef raw) {

  /** The longest channel name; channels are named by radflow, so a longer one is a bug. */
  public static final int CHANNEL_LENGTH = 64;

  public static final int PEER_LENGTH = 256;
  public static final int MESSAGE_TYPE_LENGTH = 64;
  public static final int CONTROL_ID_LENGTH = 256;
  public static final int SENDING_SYSTEM_LENGTH = 256;
  public static final int ACCESSION_LENGTH = 128;

  public NewDeadLetter {
    if (channel == null || channel.isBlank() || channel.length() > CHANNEL_LENGTH) {
      throw new IllegalArgumentException(
          "channel must be 1 to " + CHANNEL_LENGTH + " characters, was '" + channel + "'");
    }
    Objects.requireNonNull(receivedAt, "receivedAt must be present");
    Objects.requireNonNull(errorCode, "errorCode must be present");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason must say what a person can do about it");
    }
    Objects.requireNonNull(raw, "raw must reference the stored message");
    peer = lenient(peer, PEER_LENGTH);
    messageType = lenient(messageType, MESSAGE_TYPE_LENGTH);
    controlId = lenient(controlId, CONTROL_ID_LENGTH);
    sendingSystem = lenient(sendingSystem, SENDING_SYSTEM_LENGTH);
    accession = lenient(accession, ACCESSION_LENGTH);
  }

  private static String lenient(String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.length() <= max ? trimmed : trimmed.substring(0, max);
  }
}
