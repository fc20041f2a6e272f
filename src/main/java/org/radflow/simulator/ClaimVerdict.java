package org.radflow.simulator;

import java.util.Objects;

/** What the simulated payer says about a claim; a rejection carries its reason. */
public record ClaimVerdict(Status status, String reason) {

  public enum Status {
    PENDING,
    ACCEPTED,
    REJECTED
  }

  public ClaimVerdict {
    Objects.requireNonNull(status, "status must not be null");
    if (status == Status.REJECTED && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("a REJECTED verdict needs a reason");
    }
  }

  public static ClaimVerdict pending() {
    return new ClaimVerdict(Status.PENDING, null);
  }

  public static ClaimVerdict accepted() {
    return new ClaimVerdict(Status.ACCEPTED, null);
  }

  public static ClaimVerdict rejected(String reason) {
    return new ClaimVerdict(Status.REJECTED, reason);
  }
}
