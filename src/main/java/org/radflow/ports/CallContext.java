package org.radflow.ports;

import java.time.Duration;
import java.util.Objects;

/**
 * What every call carries besides its arguments: the idempotency key (sent as header {@code
 * Idempotency-Key}, so the external system answers a retry with its first answer), how long the
 * caller waits for the answer, and the W3C {@code traceparent} of the calling span (sent as header
 * {@code traceparent}; null when tracing is off).
 */
public record CallContext(String idempotencyKey, Duration timeout, String traceParent) {

  /** A call outside any trace. */
  public CallContext(String idempotencyKey, Duration timeout) {
    this(idempotencyKey, timeout, null);
  }

  public CallContext {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey must not be null");
    if (idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("idempotencyKey must not be blank");
    }
    Objects.requireNonNull(timeout, "timeout must not be null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }
}
