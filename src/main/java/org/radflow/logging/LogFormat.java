package org.radflow.logging;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How radflow writes its log, chosen by {@code RADFLOW_LOG_FORMAT}: plain text for a person at a
 * terminal (the default), or one JSON object a line for a log shipper. JSON is Elastic Common
 * Schema, which Elasticsearch, OpenSearch, Loki and most shippers read without a parsing rule.
 */
public enum LogFormat {
  TEXT(null),
  JSON("ecs");

  /** The environment variable that chooses; {@code radflow.log.format} as a Spring property. */
  public static final String VARIABLE = "RADFLOW_LOG_FORMAT";

  private final String structuredFormat;

  LogFormat(String structuredFormat) {
    this.structuredFormat = structuredFormat;
  }

  /**
   * The format {@code value} names, case aside; text when it is null or blank.
   *
   * @throws IllegalArgumentException naming the allowed values, for any other value
   */
  public static LogFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return TEXT;
    }
    String name = value.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(format -> format.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    VARIABLE
                        + " is '"
                        + value
                        + "'; it must be one of: "
                        + allowed()
                        + " (text is the default)"));
  }

  /** The values {@link #parse} accepts, as a person types them: {@code text, json}. */
  public static String allowed() {
    return Arrays.stream(values())
        .map(format -> format.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  /**
   * The value of Spring Boot's {@code logging.structured.format.console} and {@code .file} for this
   * format, or null for plain text (Boot's own pattern).
   */
  public String structuredFormat() {
    return structuredFormat;
  }
}
