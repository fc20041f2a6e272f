package org.radflow.hl7;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock, which a test can move forward at once instead of waiting for time to pass. */
final class SkippingClock extends Clock {

  private volatile Duration skipped = Duration.ZERO;

  void skip(Duration duration) {
    skipped = skipped.plus(duration);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(skipped);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the listener reads instants only");
  }
}
