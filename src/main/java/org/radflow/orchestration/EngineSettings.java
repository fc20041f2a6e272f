package org.radflow.orchestration;

import java.time.Duration;

/**
 * How this node runs steps.
 *
 * @param node this node's name in leases; unique among the nodes sharing a database
 * @param workers how many steps this node runs at once
 * @param idlePoll how long to wait before looking again when no step was due
 * @param leaseGrace added to a step's call timeout to make its lease: a worker that is alive
 *     finishes well within it, so only a dead worker's lease expires
 * @param waitRetry when a step that is not ready yet (an obligation unmet) is looked at again
 * @param ihiMaxAge how old an IHI validation may be when a report is published; older, and the IHI
 *     is looked up again first
 */
public record EngineSettings(
    String node,
    int workers,
    Duration idlePoll,
    Duration leaseGrace,
    Duration waitRetry,
    Duration ihiMaxAge) {

  public EngineSettings {
    if (node == null || node.isBlank() || node.length() > 100) {
      throw new IllegalArgumentException("node must be a name of 1 to 100 characters");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + workers);
    }
    if (ihiMaxAge == null || ihiMaxAge.compareTo(waitRetry) <= 0) {
      // a waiting upload looks again every waitRetry: a shorter validity would expire before every
      // look, and nothing would ever be published
      throw new IllegalArgumentException(
          "the IHI's maximum age (RADFLOW_NATIONAL_IHIMAXAGE) must be longer than "
              + waitRetry
              + ", the time between two looks at a waiting upload; was "
              + ihiMaxAge);
    }
  }
}
