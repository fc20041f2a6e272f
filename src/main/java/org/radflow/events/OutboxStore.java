package org.radflow.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the relay needs from the database. Events are found by what is unpublished, never by an id
 * cursor: a sequence value is allocated before its transaction commits, so a cursor would skip an
 * event whose transaction commits after a later one's. Per study, the history position orders the
 * events and one study's events are committed one after another, so "unpublished, oldest id first"
 * is commit order per study.
 */
public interface OutboxStore {

  /**
   * Runs {@code listener} after every committed write that may have added events — on this node,
   * and on PostgreSQL on every node (LISTEN/NOTIFY): the relay's wake-up. It must be quick and must
   * not throw.
   */
  void onCommit(Runnable listener);

  /**
   * Renews this relay's leases and takes free or expired slices up to its fair share of the {@code
   * RelayPartition.COUNT} slices among the relays alive; gives back slices above its share so a new
   * relay gets some. Taking a slice increments its fence.
   */
  List<RelayLease> leasePartitions(String owner, Instant now, Duration lease);

  /** Gives back every slice of this relay (on shutdown). */
  void releasePartitions(String owner);

  /** Unpublished, unparked events of the given slices, oldest first. */
  List<OutboxEvent> pending(List<Integer> partitions, int limit);

  /**
   * Marks events published and writes their webhook deliveries, in one transaction, if every slice
   * they belong to is still held under the given fence; otherwise writes nothing.
   *
   * @return whether they were marked
   */
  boolean markPublished(
      String owner, List<RelayLease> leases, List<OutboxEvent> events, Instant now);

  /** Counts a failed attempt; {@code park} sets the event aside with its reason. */
  void recordFailure(OutboxEvent event, String error, boolean park, Instant now);

  /** The attempts made so far on an event. */
  int attempts(OutboxEvent event);
}
