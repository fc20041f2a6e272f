package org.radflow.demo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the demo watched while the day ran, sampled from outside: for the report's charts.
 *
 * @param statuses studies of the day by end-to-end status (the API's {@code status.kind}), sampled
 *     every second or so, in time order
 * @param outboxLag how long after a change its event reached the demo's webhook, in time order of
 *     arrival
 * @param relayLag the age of the oldest event the outbox had not yet published ({@code GET
 *     /api/v1/outbox}), sampled with the statuses: the relay's share of the lag
 * @param stepMillis each finished step's time from its creation to its finish, by step kind (read
 *     from the steps API at the end of the day)
 */
public record DemoTimeline(
    List<StatusSample> statuses,
    List<LagSample> outboxLag,
    List<LagSample> relayLag,
    Map<String, List<Long>> stepMillis) {

  public DemoTimeline {
    statuses = List.copyOf(statuses);
    outboxLag = List.copyOf(outboxLag);
    relayLag = List.copyOf(relayLag);
    stepMillis = Map.copyOf(stepMillis);
  }

  /** A timeline without relay samples. */
  public DemoTimeline(
      List<StatusSample> statuses, List<LagSample> outboxLag, Map<String, List<Long>> stepMillis) {
    this(statuses, outboxLag, List.of(), stepMillis);
  }

  /** The day's studies by status at one instant: {@code WAITING -> 120}, … */
  public record StatusSample(Instant at, Map<String, Long> studiesByStatus) {
    public StatusSample {
      studiesByStatus = Map.copyOf(studiesByStatus);
    }
  }

  /** One event's lag: it arrived {@code millis} after the change it reports was committed. */
  public record LagSample(Instant at, long millis) {}
}
