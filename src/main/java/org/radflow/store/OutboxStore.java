package org.radflow.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.radflow.outbox.OutboxEvent;
import org.radflow.study.StudyId;

/**
 * What the relay needs from the database. Events are found by what is unpublished, never by an id
 * cursor: a sequence value is allocated before its transaction commits, so a cursor would skip an
 * event whose transaction commits after a later one's. Per study, the history position orders the
 * events and one study's events are committed one after another, so "unpublished, oldest id first"
 * is commit order per study.
 */
public interface OutboxStore {

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

  List<ParkedEvent> parked(int limit);

  /** Puts a parked event back in line (audited); false if it is not parked. */
  boolean unpark(long outboxId, String actor, String reason, Instant now);

  OutboxStatus outboxStatus(Instant now);

  /** Deletes up to {@code batch} events published before {@code before}; the history stays. */
  int deletePublished(Instant before, int batch);

  /** A study's events rebuilt from its history (which retention never deletes), oldest first. */
  List<OutboxEvent> historyEvents(StudyId study);

  /**
   * Events of every study recorded in {@code [from, to)}, rebuilt from the history, in commit order
   * per study, at most {@code limit}.
   */
  List<OutboxEvent> historyEvents(Instant from, Instant to, int limit);

  /** Writes webhook deliveries of replayed events (marked as replays). */
  void enqueueReplays(List<OutboxEvent> events, Instant now);
}
