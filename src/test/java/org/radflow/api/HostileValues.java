package org.radflow.api;

import java.util.List;
import java.util.Random;

/** The values a fuzzer puts where a sensible value belongs, grouped by what they attack. */
final class HostileValues {

  private HostileValues() {}

  /** Characters that forge log lines, hide text or truncate it in C-based tools. */
  static final List<String> CONTROL =
      List.of(
          "a\u0000b",
          "a\r\nforged: line",
          "a\nb",
          "a\u0085b",
          "a\u001b[31mred",
          "a\u007fb",
          "a\u202eb",
          "\u202dlro",
          "a\u2066b",
          "a\u2069",
          "\tx",
          "a\u0008b");

  static final List<String> INSTANTS =
      List.of(
          "+999999999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z",
          "+10000-01-01T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "1899-12-31T23:59:59Z",
          "9999-12-31T23:59:59.999999999Z",
          "2025-02-30T00:00:00Z",
          "2025-03-01T09:30:00+14:00",
          "2025-03-01",
          "1740821400",
          "not a time");

  static final List<String> URIS =
      List.of(
          "",
          " ",
          ":",
          "http://[::1",
          "relative/path",
          "s3://b/\u0000k",
          "%zz",
          "//no-scheme",
          "javascript:alert(1)",
          "file:///etc/passwd",
          "http://user:pass@host/x");

  /** Raw JSON numbers: limits of long and double, and longer than any number radflow reads. */
  static final List<String> NUMBERS =
      List.of(
          "0",
          "-1",
          "2147483648",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775809",
          "1e308",
          "-1e308",
          "1e-320",
          "0.0000001",
          "1.5",
          "12345678901234567890123456789012345678901234567890");

  static final List<String> UNICODE =
      List.of("\ud83e\udda9", "e\u0301", "\ufeffbom", "\ud800", "\udfff", "\uffff", "\u00a0");

  /** Raw JSON values of every type, for a field that expects another. */
  static final List<String> WRONG_TYPES =
      List.of(
          "123", "1.5", "true", "false", "[]", "[\"a\"]", "{}", "{\"a\":1}", "\"text\"", "null");

  /** Whole bodies that are not a usable JSON object. */
  static final List<String> BODIES =
      List.of(
          "",
          " ",
          "null",
          "[]",
          "\"text\"",
          "123",
          "{",
          "}",
          "{\"a\":}",
          "{} {}",
          "{}garbage",
          "not json",
          "{'single': 'quotes'}",
          "{\"a\":1,}",
          "/* comment */ {}",
          "\u0000",
          "{\"a\":NaN}",
          "{\"a\":Infinity}",
          "[[[[[[[[",
          "{\"\":\"\"}");

  static String longString(Random random) {
    int[] lengths = {65, 129, 201, 257, 2001, 2049, 70_000, 300_000};
    return "x".repeat(lengths[random.nextInt(lengths.length)]);
  }

  /** Arrays nested {@code depth} deep: beyond the parser's limit when depth is above 32. */
  static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
