package org.radflow.workflow;

import java.time.Duration;

/**
 * How long radflow waits before a durable timer fires.
 *
 * @param imagesCommitted after acquisition completes, for the archive to commit the images
 * @param reportTurnaround after the images are committed, for the final report
 * @param claimResponse after the claim is submitted, for the payer's answer
 */
public record Deadlines(
    Duration imagesCommitted, Duration reportTurnaround, Duration claimResponse) {

  public static Deadlines defaults() {
    return new Deadlines(Duration.ofMinutes(30), Duration.ofHours(48), Duration.ofDays(30));
  }

  public Deadlines {
    for (Duration d : new Duration[] {imagesCommitted, reportTurnaround, claimResponse}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("deadlines must be positive, was " + d);
      }
    }
  }

  Duration of(StepKind timer) {
    return switch (timer) {
      case IMAGES_COMMIT_DEADLINE -> imagesCommitted;
      case REPORT_TURNAROUND_DEADLINE -> reportTurnaround;
      case CLAIM_RESPONSE_DEADLINE -> claimResponse;
      default -> throw new IllegalArgumentException(timer + " is not a timer");
    };
  }
}
