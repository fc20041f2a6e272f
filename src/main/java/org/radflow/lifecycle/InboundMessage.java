package org.radflow.lifecycle;

/**
 * The transport message a command arrived in: the sending system and its own id for the message (an
 * HL7 control id, a broker record id, an HTTP {@code X-Message-Id}). A redelivery of the same
 * message is the same delivery, whatever it carries.
 */
public record InboundMessage(String source, String messageId) {
  public InboundMessage {
    if (source == null || source.isBlank() || source.length() > 128) {
      throw new IllegalArgumentException("message source must be 1 to 128 characters");
    }
    if (messageId == null || messageId.isBlank() || messageId.length() > 256) {
      throw new IllegalArgumentException("message id must be 1 to 256 characters");
    }
  }
}
