package org.radflow.ports;

import java.time.Duration;

/** Asks one external system whether it is up. */
public interface HealthProbe {

  /** True only when the system answered its health check with 2xx within {@code timeout}. */
  boolean healthy(Duration timeout);
}
