package org.radflow.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulated day against the real clock: {@code speed} seconds of the day pass per real second,
 * from the moment the day starts.
 */
record DayClock(Instant dayStart, long realStartNanos, double speed) {

  static DayClock startingNow(Instant dayStart, double speed) {
    return new DayClock(dayStart, System.nanoTime(), speed);
  }

  /** The second of the day it is now. */
  long secondOfDay() {
    return (long) ((System.nanoTime() - realStartNanos) / 1e9 * speed);
  }

  /** Real nanoseconds until {@code second} of the day; zero or less when it has passed. */
  long nanosUntil(long second) {
    return realStartNanos + (long) (second / speed * 1e9) - System.nanoTime();
  }

  /** Real time that {@code seconds} of the day take. */
  Duration real(long seconds) {
    return Duration.ofNanos((long) (seconds / speed * 1e9));
  }

  /** The simulated wall clock now, as HH:mm. */
  String wallClock() {
    Instant now = dayStart.plusSeconds(secondOfDay());
    return java.time.format.DateTimeFormatter.ofPattern("HH:mm")
        .withZone(java.time.ZoneOffset.UTC)
        .format(now);
  }
}
