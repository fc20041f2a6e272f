package org.radflow.orchestration;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps this node's workers hold right now, so that a node that stops can give back the leases
 * of those it could not finish and another node takes them at once instead of when they run out.
 */
final class StepsInFlight {

  private static final Logger log = LoggerFactory.getLogger(StepsInFlight.class);

  private final Set<ClaimedStep> held = ConcurrentHashMap.newKeySet();

  void add(ClaimedStep step) {
    held.add(step);
  }

  void remove(ClaimedStep step) {
    held.remove(step);
  }

  int size() {
    return held.size();
  }

  /**
   * Ends the lease of every step still held, each under its claim's fence ({@link
   * StepStore#release}); a lease not given back simply runs out.
   *
   * @return how many leases were given back
   */
  int giveBack(StepStore steps, Instant now) {
    int released = 0;
    for (ClaimedStep step : List.copyOf(held)) {
      try {
        if (steps.release(step, now)) {
          released++;
          log.info("gave back the lease of step {} ({}) on shutdown", step.id(), step.kind());
        }
      } catch (RuntimeException e) {
        log.warn(
            "lease of step {} not given back, it runs out instead: {}", step.id(), e.toString());
      }
    }
    return released;
  }
}
