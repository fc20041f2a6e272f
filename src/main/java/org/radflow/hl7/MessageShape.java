package org.radflow.hl7;

import java.util.Optional;

/**
 * One pass over a message's raw text, counting delimiters against {@link MessageBounds} before HAPI
 * parses it. It costs a few milliseconds for a megabyte and allocates nothing per character, where
 * HAPI would build an object per delimiter; it stops at the first bound exceeded.
 */
final class MessageShape {

  private final String text;
  private final char fieldSeparator;
  private final char component;
  private final char repetition;
  private final char subcomponent;
  private final MessageBounds bounds;

  /** Non-empty fields and repetitions so far. */
  private int values;

  private Optional<String> excess;

  private MessageShape(String text, MessageHeader header, MessageBounds bounds) {
    this.text = text;
    this.fieldSeparator = header.fieldSeparator();
    String encoding = header.encodingCharacters();
    this.component = encoding.charAt(0);
    this.repetition = encoding.charAt(1);
    this.subcomponent = encoding.charAt(3);
    this.bounds = bounds;
  }

  /**
   * Scans {@code text} against {@code bounds}, stopping at the first bound it exceeds.
   *
   * @param text segments ended by CR, as HAPI will parse them ({@link Hl7Parsing#segments})
   * @param header its MSH, whose encoding characters are known to be valid
   */
  static MessageShape scan(String text, MessageHeader header, MessageBounds bounds) {
    MessageShape shape = new MessageShape(text, header, bounds);
    shape.excess = shape.scan();
    return shape;
  }

  /** The first bound the message exceeds, said so that the sender knows where to look. */
  Optional<String> excess() {
    return excess;
  }

  /**
   * The heap HAPI's model of the message will take, estimated from measurements of HAPI 2.x: about
   * six bytes per character for text, and up to 2.7 KiB for each field or repetition (a repetition
   * of PID-3, an XCN, builds two dozen objects). Rounded up, to err on the safe side.
   */
  long estimatedModelBytes() {
    return 8L * text.length() + 3L * 1024 * values;
  }

  private Optional<String> scan() {
    int segments = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\r', start);
      end = end < 0 ? text.length() : end;
      if (end > start) {
        segments++;
        if (segments > bounds.segments()) {
          return excess(
              "the message has more than "
                  + bounds.segments()
                  + " segments (RADFLOW_MLLP_MAX_SEGMENTS)");
        }
        Optional<String> found = segment(start, end, segments);
        if (found.isPresent()) {
          return found;
        }
      }
      start = end + 1;
    }
    return Optional.empty();
  }

  /** The segment in {@code text[start, end)}, the {@code ordinal}th of its message. */
  private Optional<String> segment(int start, int end, int ordinal) {
    String name = name(start, end);
    int field = 0;
    int i = start;
    if (name.equals("MSH") || name.equals("FHS") || name.equals("BHS")) {
      // MSH-1 is the field separator and MSH-2 the delimiters themselves, not delimited values
      field = 2;
      i = text.indexOf(fieldSeparator, start + 4);
      i = i < 0 || i > end ? end : i;
    }
    int repetitions = 1;
    int components = 1;
    int subcomponents = 1;
    int length = 0;
    int valueLength = 0;
    int maxRepetitions = bounds.repetitionsOf(name, field);
    int maxLength = bounds.lengthOf(name, field);
    for (; i < end; i++) {
      char c = text.charAt(i);
      if (c == fieldSeparator || c == repetition) {
        if (valueLength > 0 && ++values > bounds.values()) {
          return tooManyValues(name, field, ordinal);
        }
        valueLength = 0;
      } else {
        valueLength++;
      }
      if (c == fieldSeparator) {
        field++;
        if (field > bounds.fields()) {
          return excess(
              "segment "
                  + ordinal
                  + " ("
                  + name
                  + ") has more than "
                  + bounds.fields()
                  + " fields (RADFLOW_MLLP_MAX_FIELDS)");
        }
        repetitions = 1;
        components = 1;
        subcomponents = 1;
        length = 0;
        maxRepetitions = bounds.repetitionsOf(name, field);
        maxLength = bounds.lengthOf(name, field);
        continue;
      }
      if (++length > maxLength) {
        return excess(
            where(name, field, ordinal)
                + " is longer than "
                + maxLength
                + " characters (RADFLOW_MLLP_MAX_FIELD_LENGTH)");
      }
      if (c == repetition) {
        repetitions++;
        components = 1;
        subcomponents = 1;
        if (repetitions > maxRepetitions) {
          return excess(
              where(name, field, ordinal)
                  + " repeats more than "
                  + maxRepetitions
                  + " times ("
                  + (MessageBounds.isText(name, field)
                      ? "report text may repeat as often as a message may have segments,"
                          + " RADFLOW_MLLP_MAX_SEGMENTS"
                      : "RADFLOW_MLLP_MAX_REPETITIONS")
                  + ")");
        }
      } else if (c == component) {
        components++;
        subcomponents = 1;
        if (components > bounds.components()) {
          return excess(
              where(name, field, ordinal)
                  + " has more than "
                  + bounds.components()
                  + " components in one repetition (RADFLOW_MLLP_MAX_COMPONENTS)");
        }
      } else if (c == subcomponent && ++subcomponents > bounds.components()) {
        return excess(
            where(name, field, ordinal)
                + " has more than "
                + bounds.components()
                + " subcomponents in one component (RADFLOW_MLLP_MAX_COMPONENTS)");
      }
    }
    if (valueLength > 0 && ++values > bounds.values()) {
      return tooManyValues(name, field, ordinal);
    }
    return Optional.empty();
  }

  private Optional<String> tooManyValues(String name, int field, int ordinal) {
    return excess(
        "the message has more than "
            + bounds.values()
            + " non-empty fields and repetitions (RADFLOW_MLLP_MAX_VALUES); "
            + where(name, field, ordinal)
            + " is the first over it");
  }

  /** The segment's name: up to its first field separator, never more than four characters. */
  private String name(int start, int end) {
    int at = start;
    while (at < end && at < start + 4 && text.charAt(at) != fieldSeparator) {
      at++;
    }
    return text.substring(start, at);
  }

  private static String where(String name, int field, int ordinal) {
    return field == 0
        ? "the name of segment " + ordinal
        : name + "-" + field + " (segment " + ordinal + ")";
  }

  private static Optional<String> excess(String what) {
    return Optional.of(
        what + "; the message was not parsed, split it or ask for the limit to be raised");
  }
}
