package org.radflow.bench;

/**
 * What one client of a study-driving bench does: takes the {@code n}th study from its opening
 * through its steps, recording each command's latency, and stops early once {@code deadlineNanos}
 * (of {@link System#nanoTime()}) has passed. Client {@code client} (0 to clients - 1) is always the
 * same thread within a run, so a driver may keep per-client state such as a connection.
 */
@FunctionalInterface
interface StudyDriver {

  void driveOneStudy(
      int client, long n, TransitionsBench.LatencyRecorder recorder, long deadlineNanos)
      throws Exception;
}
