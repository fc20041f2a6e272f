package org.radflow.config;

import java.util.Map;
import org.radflow.logging.LogFormat;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code RADFLOW_LOG_FORMAT=json} into Spring Boot's structured logging, for the console and
 * the log file alike, before the logging system starts: Boot reads {@code logging.*} once, as it
 * initialises logging, and an {@code application.properties} placeholder could not refuse a
 * misspelt value. A value that is neither text nor json stops the start with the allowed values.
 *
 * <p>The settings are added last, so an explicit {@code logging.structured.format.*} still wins.
 * Every MDC entry becomes a top-level JSON key in ECS: {@link org.radflow.logging.LogFields}'s and
 * Micrometer Tracing's {@code traceId} and {@code spanId}.
 */
public final class StructuredLogging implements EnvironmentPostProcessor {

  static final String PROPERTY = "radflow.log.format";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    LogFormat format;
    try {
      format = LogFormat.parse(environment.getProperty(PROPERTY));
    } catch (IllegalArgumentException e) {
      throw new InvalidLogFormat(e.getMessage());
    }
    if (format.structuredFormat() != null) {
      environment
          .getPropertySources()
          .addLast(
              new MapPropertySource(
                  "radflow-log-format",
                  Map.of(
                      "logging.structured.format.console", format.structuredFormat(),
                      "logging.structured.format.file", format.structuredFormat())));
    }
  }

  /** A start refused for its log format; {@link InvalidLogFormatAnalyzer} says what to set. */
  static final class InvalidLogFormat extends IllegalStateException {
    InvalidLogFormat(String message) {
      super(message);
    }
  }
}
