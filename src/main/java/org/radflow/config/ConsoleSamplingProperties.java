package org.radflow.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the console's history of studies per status is sampled ({@code radflow.console.*}, e.g.
 * {@code RADFLOW_CONSOLE_SAMPLEINTERVAL}).
 *
 * @param sampleInterval how often this node samples (default 1 minute); samples are kept per
 *     minute, so a shorter interval only makes a missed minute less likely
 * @param sampleRetention how long samples are kept (default 48 hours)
 */
@ConfigurationProperties("radflow.console")
public record ConsoleSamplingProperties(Duration sampleInterval, Duration sampleRetention) {

  public ConsoleSamplingProperties {
    sampleInterval = sampleInterval == null ? Duration.ofMinutes(1) : sampleInterval;
    sampleRetention = sampleRetention == null ? Duration.ofHours(48) : sampleRetention;
    if (sampleInterval.isNegative() || sampleInterval.isZero()) {
      throw new IllegalArgumentException(
          "radflow.console.sample-interval must be positive, was " + sampleInterval);
    }
    if (sampleRetention.isNegative() || sampleRetention.isZero()) {
      throw new IllegalArgumentException(
          "radflow.console.sample-retention must be positive, was " + sampleRetention);
    }
  }
}
