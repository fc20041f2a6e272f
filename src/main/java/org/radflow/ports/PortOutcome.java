package org.radflow.ports;

import java.util.Map;
import java.util.Objects;

/**
 * What a call to an external system came to. The four cases differ in what the caller should do
 * next: carry on, give up, retry, or retry later and count it against the service's health.
 */
public sealed interface PortOutcome {

  /** The system did it (HTTP 2xx); {@code externalRef} is the id it gave the result. */
  record Done(String externalRef, Map<String, String> data) implements PortOutcome {
    public Done {
      Objects.requireNonNull(externalRef, "externalRef must not be null");
      data = Map.copyOf(Objects.requireNonNull(data, "data must not be null"));
    }

    public Done(String externalRef) {
      this(externalRef, Map.of());
    }
  }

  /** A business refusal (HTTP 409/422, or 400/404): retrying the same request cannot help. */
  record Rejected(String code, String reason) implements PortOutcome {
    public Rejected {
      Objects.requireNonNull(code, "code must not be null");
      Objects.requireNonNull(reason, "reason must not be null");
    }
  }

  /** The system answered but broke (500/502/504, malformed answer): worth retrying. */
  record Failed(String reason) implements PortOutcome {
    public Failed {
      Objects.requireNonNull(reason, "reason must not be null");
    }
  }

  /** The system could not be reached or timed out (or said 503): retry, and mark it unhealthy. */
  record Unavailable(String reason) implements PortOutcome {
    public Unavailable {
      Objects.requireNonNull(reason, "reason must not be null");
    }
  }
}
