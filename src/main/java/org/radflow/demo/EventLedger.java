package org.radflow.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The receiver's counts, kept under one lock: deliveries arrive on the HTTP server's threads while
 * the demo reads the tally and waits for the events to catch up. Deduplication is by event id, the
 * first of the two rules docs/consumers.md gives; the second (rising {@code studySeq} per study) is
 * checked and its breaches counted.
 */
final class EventLedger {

  private final Set<UUID> seen = new HashSet<>();
  private final Map<String, Long> lastSeqByStudy = new HashMap<>();
  private final Map<String, Long> byType = new HashMap<>();
  private final Map<String, Long> byStudy = new HashMap<>();
  private final List<DemoTimeline.LagSample> lag = new ArrayList<>();
  private final List<ReceivedEvent> received = new ArrayList<>();
  private long deliveries;
  private long redeliveries;
  private long refused;
  private long outOfSequence;

  /** Records a verified delivery; true when it is the first of its event id. */
  synchronized boolean accept(ReceivedEvent event) {
    received.add(event);
    deliveries++;
    notifyAll(); // the lock is held until this returns: waiters see the delivery counted
    if (!seen.add(event.eventId())) {
      redeliveries++;
      return false;
    }
    byType.merge(event.type(), 1L, Long::sum);
    byStudy.merge(event.studyId(), 1L, Long::sum);
    long previous = lastSeqByStudy.getOrDefault(event.studyId(), 0L);
    if (event.studySeq() != previous + 1) {
      outOfSequence++;
    }
    lastSeqByStudy.merge(event.studyId(), event.studySeq(), Math::max);
    lag.add(
        new DemoTimeline.LagSample(
            event.arrivedAt(), Duration.between(event.recordedAt(), event.arrivedAt()).toMillis()));
    return true;
  }

  synchronized void refuse() {
    refused++;
    notifyAll();
  }

  synchronized EventTally tally() {
    return new EventTally(
        seen.size(), deliveries, redeliveries, refused, outOfSequence, byType, byStudy);
  }

  synchronized List<DemoTimeline.LagSample> lag() {
    return List.copyOf(lag);
  }

  synchronized List<ReceivedEvent> received() {
    return List.copyOf(received);
  }

  /** Waits until the tally meets {@code condition}; false if the timeout came first. */
  synchronized boolean await(Predicate<EventTally> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(tally())) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, Duration.ofNanos(left).toMillis()));
    }
    return true;
  }
}
