package org.radflow.demo;

import java.time.Duration;
import java.util.Locale;

/** How the report writes durations: short, in the unit a reader takes in at a glance. */
final class ReportText {

  private ReportText() {}

  /** {@code 850 ms}, {@code 1.2 s}, {@code 2.5 min}. */
  static String millis(long millis) {
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
    }
    return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
  }

  /** A run's length: {@code 4 min 12 s}, {@code 1 h 3 min}, {@code 38 s}. */
  static String length(Duration length) {
    long seconds = Math.max(0, length.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3_600) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3_600 + " h " + seconds % 3_600 / 60 + " min";
  }
}
