package org.radflow.demo;

import java.util.Map;

/**
 * What the demo's webhook receiver has counted so far.
 *
 * @param distinctEvents events received at least once (by event id): the demo's "events published"
 * @param deliveries verified deliveries accepted, first ones and redeliveries alike
 * @param redeliveries accepted deliveries of an event id already received (radflow delivers at
 *     least once; a replay sends every event of a study again)
 * @param refused requests answered 4xx: a missing or wrong signature, a malformed delivery
 * @param outOfSequence distinct events whose {@code studySeq} was not one more than the previous
 *     distinct event of their study (the first expected to be 1): a gap or a reordering, which
 *     radflow promises never to cause
 * @param byType distinct events by type
 * @param byStudy distinct events by study id
 */
public record EventTally(
    long distinctEvents,
    long deliveries,
    long redeliveries,
    long refused,
    long outOfSequence,
    Map<String, Long> byType,
    Map<String, Long> byStudy) {

  public EventTally {
    byType = Map.copyOf(byType);
    byStudy = Map.copyOf(byStudy);
  }
}
