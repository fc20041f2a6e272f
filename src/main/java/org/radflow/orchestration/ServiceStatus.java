package org.radflow.orchestration;

import java.time.Instant;
import org.radflow.workflow.Service;

/**
 * An external service's health as the radflow nodes agree on it, and how its suspended steps are
 * released once it recovers.
 *
 * @param releasePerSecond how many suspended steps a release makes due per second, at most
 */
public record ServiceStatus(
    Service service,
    State state,
    String reason,
    Instant changedAt,
    ReleaseMode releaseMode,
    double releasePerSecond) {

  public enum State {
    /** Steps run. */
    UP,
    /** Unreachable or failing: its steps are suspended, probes watch for recovery. */
    DOWN,
    /** Probes saw it healthy several times running; suspended steps wait for release. */
    RECOVERED,
    /** Suspended steps are being made due at the release rate. */
    RELEASING
  }

  public enum ReleaseMode {
    /** Release starts by itself once recovery is verified. */
    AUTOMATIC,
    /** Release waits for an operator. */
    MANUAL
  }
}
