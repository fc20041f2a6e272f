package org.radflow.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Builds acknowledgements. A parsed message gets HAPI's own ACK (sender and receiver swapped, its
 * control ID in MSA-2); a message HAPI could not parse gets one addressed from the hand-read MSH,
 * so even a broken message is answered with its control ID.
 */
final class Hl7Acks {

  /** MSA-3 is short in HL7 (80 characters in 2.5); the whole reason goes in ERR-8. */
  private static final int MSA_TEXT = 80;

  private static final DateTimeFormatter HL7_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");

  private final Hl7Parsing parsing;

  Hl7Acks(Hl7Parsing parsing) {
    this.parsing = parsing;
  }

  String ack(
      PipeParser parser,
      Message message,
      MessageHeader header,
      AcknowledgmentCode code,
      Hl7Rejection rejection,
      String text) {
    try {
      Message ack =
          message == null
              ? fromHeader(header)
              : message.generateACK(code, exception(rejection, text));
      Terser terser = new Terser(ack);
      terser.set("MSA-1", code.name());
      terser.set("MSA-3", shorten(text));
      if (code != AcknowledgmentCode.AA) {
        terser.set("ERR-3-1", String.valueOf(rejectionCode(rejection)));
        terser.set("ERR-4", "E");
        terser.set("ERR-8", text);
      }
      return parser.encode(ack);
    } catch (HL7Exception | IOException e) {
      throw new IllegalStateException("radflow could not build an ACK: " + e.getMessage(), e);
    }
  }

  private Message fromHeader(MessageHeader header) throws HL7Exception {
    ACK ack = parsing.context().newMessage(ACK.class);
    MSH msh = ack.getMSH();
    msh.getFieldSeparator().setValue("|");
    msh.getEncodingCharacters().setValue("^~\\&");
    msh.getSendingApplication()
        .getNamespaceID()
        .setValue(orDefault(header.receivingApplication(), "RADFLOW"));
    msh.getSendingFacility().getNamespaceID().setValue(header.receivingFacility());
    msh.getReceivingApplication().getNamespaceID().setValue(header.sendingApplication());
    msh.getReceivingFacility().getNamespaceID().setValue(header.sendingFacility());
    msh.getDateTimeOfMessage()
        .getTime()
        .setValue(HL7_TIME.format(ZonedDateTime.now(ZoneId.systemDefault())));
    msh.getMessageType().getMessageCode().setValue("ACK");
    msh.getMessageControlID().setValue(UUID.randomUUID().toString());
    msh.getProcessingID().getProcessingID().setValue("P");
    msh.getVersionID().getVersionID().setValue(Hl7Parsing.VERSION);
    ack.getMSA().getMessageControlID().setValue(header.controlId());
    return ack;
  }

  private static HL7Exception exception(Hl7Rejection rejection, String text) {
    return rejection == null ? null : new HL7Exception(text, rejection.errorCode());
  }

  private static int rejectionCode(Hl7Rejection rejection) {
    return rejection == null
        ? ca.uhn.hl7v2.ErrorCode.APPLICATION_INTERNAL_ERROR.getCode()
        : rejection.errorCode().getCode();
  }

  private static String shorten(String text) {
    String oneLine = text.replace('\r', ' ').replace('\n', ' ');
    return oneLine.length() <= MSA_TEXT ? oneLine : oneLine.substring(0, MSA_TEXT - 3) + "...";
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
