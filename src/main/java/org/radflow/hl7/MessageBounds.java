package org.radflow.hl7;

/**
 * How large a message's structure may be before HAPI builds a model of it. HAPI makes an object for
 * every segment, field, repetition and component, so a frame well under the size limit that is
 * nothing but delimiters (a million {@code ~} in one field) once took 20 s and 6 GB of heap to
 * parse. These bounds are checked on the raw text first ({@link MessageShape}); a message over one
 * is answered AR and kept.
 *
 * <p>The defaults are far above what radiology systems send: the longest standard segments have
 * about 50 fields (OBR, PV1, IN1), identifiers and addresses repeat a handful of times, the widest
 * data types (XCN, XAD) have 23 components, and a field other than report text is rarely longer
 * than a few hundred characters.
 *
 * @param segments segments in one message; a report sent one OBX per line counts each line
 * @param fields fields in one segment
 * @param repetitions repetitions of one field; report text ({@link #isText}) may instead repeat as
 *     often as a message may have segments, since a report sent as OBX-5 repetitions has a line per
 *     repetition where another sender has an OBX per line
 * @param components components in one repetition, and subcomponents in one component
 * @param fieldLength characters in one field; report text may take the whole frame
 * @param values non-empty fields and repetitions in the whole message. HAPI keeps 0.4–2.7 KiB for
 *     each (measured), so values spread over many fields stay as costly as those in one: 40 ORC
 *     segments of 250 fields each repeated 99 times are within every other bound, yet took 4.8 s
 *     and 260 MB for one megabyte. A report of 1,000 OBX segments has about 8,000.
 */
public record MessageBounds(
    int segments, int fields, int repetitions, int components, int fieldLength, int values) {

  public static final MessageBounds DEFAULT =
      new MessageBounds(1000, 256, 100, 100, 64 * 1024, 20_000);

  public MessageBounds {
    positive(segments, "RADFLOW_MLLP_MAX_SEGMENTS");
    positive(fields, "RADFLOW_MLLP_MAX_FIELDS");
    positive(repetitions, "RADFLOW_MLLP_MAX_REPETITIONS");
    positive(components, "RADFLOW_MLLP_MAX_COMPONENTS");
    positive(fieldLength, "RADFLOW_MLLP_MAX_FIELD_LENGTH");
    positive(values, "RADFLOW_MLLP_MAX_VALUES");
  }

  /** The report text: OBX-5 (observation value) and NTE-3 (comment). */
  static boolean isText(String segment, int field) {
    return (field == 5 && segment.equals("OBX")) || (field == 3 && segment.equals("NTE"));
  }

  int repetitionsOf(String segment, int field) {
    return isText(segment, field) ? Math.max(segments, repetitions) : repetitions;
  }

  int lengthOf(String segment, int field) {
    return isText(segment, field) ? Integer.MAX_VALUE : fieldLength;
  }

  private static void positive(int value, String setting) {
    if (value < 1) {
      throw new IllegalArgumentException(setting + " must be at least 1, was " + value);
    }
  }
}
