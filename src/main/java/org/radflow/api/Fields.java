package org.radflow.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The one rule every string and instant in a request body passes before anything else sees it.
 * Request records call it from their compact constructors, so a value that breaks it never becomes
 * a request at all; the problem it throws names the field and surfaces as a 400 through {@link
 * ApiExceptionHandler}.
 *
 * <p>Why: identifiers and names end up in log lines, the audit trail, HL7 messages and database
 * columns of fixed width. A line break in an actor forges a log line, a bidi override makes an
 * audit entry read differently from what it stores, a NUL truncates in C-based tools, and a value
 * longer than its column fails only deep in the store, as a 500. Free text (a reason, data values)
 * may span lines but carries no other control or bidi character.
 *
 * <p>Required-ness stays with the model's records, which name the missing field themselves; here
 * {@code null} always passes.
 */
final class Fields {

  /** Identifiers: authorities, accession numbers, patient ids, UIDs; the columns are 64 wide. */
  static final int IDENTIFIER = 64;

  /** Actors and source systems; the columns are 128 wide. */
  static final int NAME = 128;

  /** Idempotency keys (200 wide) and message references (256). */
  static final int KEY = 200;

  static final int MESSAGE_REF = 256;

  /** URIs of references and manifests. */
  static final int URI_LENGTH = 2048;

  /** A reason for an operator action. */
  static final int REASON = 2000;

  /**
   * Business times from 1900 to the end of 2999: any real event, and far from the instants that
   * overflow a millisecond count or a database's timestamp type.
   */
  static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("2999-12-31T23:59:59Z");

  private Fields() {}

  /** An identifier, name or key: one line of printable characters, at most {@code max}. */
  static String name(String value, String field, int max) {
    return name(value, field, max, Where.BODY);
  }

  /** The same rule for a query parameter or header, refused as an invalid parameter. */
  static String parameter(String value, String parameter, int max) {
    return name(value, parameter, max, Where.PARAMETER);
  }

  private static String name(String value, String field, int max, Where where) {
    return printable(value, field, max, where, false, "must be one line of printable characters");
  }

  /** Free text: line breaks and tabs allowed, no other control or bidi character. */
  static String text(String value, String field, int max) {
    return text(value, field, max, Where.BODY);
  }

  static String textParameter(String value, String parameter, int max) {
    return text(value, parameter, max, Where.PARAMETER);
  }

  private static String text(String value, String field, int max, Where where) {
    return printable(value, field, max, where, true, "must be printable text");
  }

  /**
   * {@code value} within {@code max}, with no control character (but CR, LF and TAB where {@code
   * lines} allows them), no bidi control and no half of a surrogate pair.
   */
  private static String printable(
      String value, String field, int max, Where where, boolean lines, String rule) {
    if (value == null) {
      return null;
    }
    length(value, field, max, where);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean layout = lines && (c == '\n' || c == '\r' || c == '\t');
      if ((isControl(c) && !layout) || isBidiControl(c) || isLoneSurrogate(value, i)) {
        throw refused(field, value, i, rule, where);
      }
    }
    return value;
  }

  /** A string map: names as keys, free text as values (their size counts against inline data). */
  static Map<String, String> map(Map<String, String> map, String field) {
    if (map != null) {
      map.forEach(
          (key, value) -> {
            name(key, field + " key", IDENTIFIER, Where.BODY);
            text(value, field + "." + key, Integer.MAX_VALUE);
          });
    }
    return map;
  }

  /** An absolute URI with a scheme, as a reference needs. */
  static String uri(String value, String field) {
    if (value == null) {
      return null;
    }
    name(value, field, URI_LENGTH);
    try {
      if (new URI(value).getScheme() == null) {
        throw invalid(field, field + " must be an absolute URI with a scheme, such as s3://…");
      }
    } catch (URISyntaxException e) {
      throw invalid(field, field + " must be a URI: " + e.getReason());
    }
    return value;
  }

  static URI uri(URI value, String field) {
    if (value != null) {
      uri(value.toString(), field);
    }
    return value;
  }

  /** An instant a person could mean, so the store's arithmetic on it cannot overflow. */
  static Instant time(Instant value, String field) {
    return time(value, field, Where.BODY);
  }

  static Instant timeParameter(Instant value, String parameter) {
    return time(value, parameter, Where.PARAMETER);
  }

  private static Instant time(Instant value, String field, Where where) {
    if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
      throw problem(
          where,
          field,
          field + " must be between " + EARLIEST + " and " + LATEST + ", was " + value);
    }
    return value;
  }

  /** An optional instant parameter in ISO-8601 ({@code 2025-03-01T09:30:00Z}); null when blank. */
  static Instant instantParameter(String parameter, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return timeParameter(Instant.parse(text.strip()), parameter);
    } catch (DateTimeParseException e) {
      throw new ApiProblem(
              ProblemType.INVALID_PARAMETER,
              parameter
                  + " must be an ISO-8601 instant such as 2025-03-01T09:30:00Z, was '"
                  + text
                  + "'")
          .with("parameter", parameter);
    }
  }

  /** A number parameter (a page size, an age) within the range the query can serve. */
  static long range(long value, String parameter, long min, long max) {
    if (value < min || value > max) {
      throw problem(
          Where.PARAMETER,
          parameter,
          parameter + " must be " + min + " to " + max + ", was " + value);
    }
    return value;
  }

  private static void length(String value, String field, int max, Where where) {
    if (value.length() > max) {
      throw problem(
              where,
              field,
              field + " must be at most " + max + " characters, was " + value.length())
          .with("maxLength", max);
    }
  }

  /** C0 (including CR, LF, TAB), DEL and C1. */
  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  /**
   * Half of a character outside the Basic Multilingual Plane without its other half: no text, and
   * what a database or log writer makes of it differs (PostgreSQL refuses it, others replace it).
   */
  private static boolean isLoneSurrogate(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
    }
    return Character.isLowSurrogate(c)
        && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
  }

  /** The embeddings, overrides and isolates that reorder how text is displayed. */
  private static boolean isBidiControl(char c) {
    return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }

  private static ApiProblem refused(
      String field, String value, int index, String what, Where where) {
    return problem(
            where,
            field,
            field
                + " "
                + what
                + "; character "
                + (index + 1)
                + " is U+"
                + String.format("%04X", (int) value.charAt(index))
                + ", a control or direction character or half of a surrogate pair")
        .with("position", index + 1);
  }

  private static ApiProblem invalid(String field, String detail) {
    return problem(Where.BODY, field, detail);
  }

  /** Whether the value came in the body (a field) or the URL or a header (a parameter). */
  private enum Where {
    BODY,
    PARAMETER
  }

  private static ApiProblem problem(Where where, String name, String detail) {
    return where == Where.BODY
        ? new ApiProblem(ProblemType.INVALID_FIELD, detail).with("field", name)
        : new ApiProblem(ProblemType.INVALID_PARAMETER, detail).with("parameter", name);
  }
}
