package org.radflow.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an acknowledgement needs from a message's MSH segment, read by hand so that even a message
 * HAPI cannot parse gets an ACK addressed to its sender with its control ID.
 */
public record MessageHeader(
    char fieldSeparator,
    String encodingCharacters,
    String sendingApplication,
    String sendingFacility,
    String receivingApplication,
    String receivingFacility,
    String messageType,
    String controlId,
    String version,
    String charsetName) {

  static final MessageHeader UNKNOWN =
      new MessageHeader('|', "^~\\&", "", "", "", "", "", "", "2.5.1", "");

  /** HL7 table 0211 names, mapped to Java charsets. */
  private static final Map<String, Charset> CHARSETS =
      Map.of(
          "ASCII", StandardCharsets.US_ASCII,
          "8859/1", StandardCharsets.ISO_8859_1,
          "UNICODE UTF-8", StandardCharsets.UTF_8,
          "UTF-8", StandardCharsets.UTF_8);

  /** The header of {@code raw}, or {@link #UNKNOWN} when it does not start with an MSH segment. */
  static MessageHeader read(byte[] raw) {
    // MSH is ASCII in every charset HL7 allows, so reading it as Latin-1 is safe
    String text = new String(raw, 0, Math.min(raw.length, 4096), StandardCharsets.ISO_8859_1);
    int start = text.indexOf("MSH");
    if (start < 0 || text.length() < start + 8) {
      return UNKNOWN;
    }
    text = text.substring(start);
    int end = segmentEnd(text);
    String segment = end < 0 ? text : text.substring(0, end);
    if (segment.length() < 4) {
      // "MSH" and a line end: no field separator to read the rest by
      return UNKNOWN;
    }
    char separator = segment.charAt(3);
    String[] fields = segment.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
    // fields[0] = "MSH", fields[1] = MSH-2, so MSH-n is fields[n - 1]
    String encoding = field(fields, 2);
    char component = encoding.isEmpty() ? '^' : encoding.charAt(0);
    return new MessageHeader(
        separator,
        encoding,
        first(field(fields, 3), component),
        facility(field(fields, 4), component),
        first(field(fields, 5), component),
        first(field(fields, 6), component),
        field(fields, 9).replace(component, '^'),
        field(fields, 10),
        first(field(fields, 12), component),
        field(fields, 18));
  }

  /** Segments end in CR, or in LF from senders that write lines. */
  private static int segmentEnd(String text) {
    int cr = text.indexOf('\r');
    int lf = text.indexOf('\n');
    return cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
  }

  private static String field(String[] fields, int n) {
    return fields.length > n - 1 ? fields[n - 1].trim() : "";
  }

  /**
   * An HD's namespace, else its universal ID: a facility may be named by either alone (HL7 v2.5.1,
   * HD: "^1.2.3^ISO").
   */
  private static String facility(String value, char component) {
    String namespace = first(value, component);
    if (!namespace.isEmpty() || value.indexOf(component) < 0) {
      return namespace;
    }
    return first(value.substring(value.indexOf(component) + 1), component);
  }

  private static String first(String value, char component) {
    int at = value.indexOf(component);
    return at < 0 ? value : value.substring(0, at);
  }

  /**
   * Why MSH-1/MSH-2 cannot delimit a message, if they cannot: four distinct encoding characters,
   * none of them the field separator, a letter or a digit.
   */
  Optional<String> encodingProblem() {
    String chars = encodingCharacters;
    boolean valid = chars.length() == 4 || chars.length() == 5;
    for (int i = 0; valid && i < chars.length(); i++) {
      char c = chars.charAt(i);
      valid =
          c != fieldSeparator
              && !Character.isLetterOrDigit(c)
              && !Character.isWhitespace(c)
              && chars.indexOf(c) == i;
    }
    if (valid && !Character.isLetterOrDigit(fieldSeparator)) {
      return Optional.empty();
    }
    return Optional.of(
        "MSH-1/MSH-2 must be a field separator and four distinct encoding characters (usually"
            + " |^~\\&), got '"
            + fieldSeparator
            + encodingCharacters
            + "'; correct the sender's encoding characters");
  }

  /** The charset MSH-18 names, or {@code fallback}; empty when MSH-18 names one radflow lacks. */
  Optional<Charset> charset(Charset fallback) {
    if (charsetName.isEmpty()) {
      return Optional.of(fallback);
    }
    return Optional.ofNullable(CHARSETS.get(charsetName.toUpperCase(Locale.ROOT)));
  }

  /** MSH-9.1, the message code ({@code ORU} of {@code ORU^R01}); empty when MSH-9 is. */
  String messageCode() {
    return component(messageType, 0);
  }

  /** MSH-9.2, the trigger event ({@code R01} of {@code ORU^R01}); empty when absent. */
  String triggerEvent() {
    return component(messageType, 1);
  }

  /** Component {@code index} of a value with {@code ^} between components; never throws. */
  private static String component(String value, int index) {
    String[] parts = value.split("\\^", -1);
    return parts.length > index ? parts[index] : "";
  }

  /** The source system radflow records: application and facility. */
  String sourceSystem() {
    String app = sendingApplication.isEmpty() ? "unknown" : sendingApplication;
    return sendingFacility.isEmpty() ? "hl7:" + app : "hl7:" + app + "@" + sendingFacility;
  }
}
