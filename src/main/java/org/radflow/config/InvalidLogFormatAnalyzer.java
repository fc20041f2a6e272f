package org.radflow.config;

import org.radflow.logging.LogFormat;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start stopped by an unknown RADFLOW_LOG_FORMAT, told in Boot's "failed to start" report. */
final class InvalidLogFormatAnalyzer
    extends AbstractFailureAnalyzer<StructuredLogging.InvalidLogFormat> {

  @Override
  protected FailureAnalysis analyze(Throwable root, StructuredLogging.InvalidLogFormat cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set "
            + LogFormat.VARIABLE
            + " to one of "
            + LogFormat.allowed()
            + ", or leave it unset for plain text.",
        cause);
  }
}
