package org.radflow.events;

import java.time.Instant;
import java.util.List;
import org.radflow.study.StudyId;

/**
 * What operators and housekeeping do with the outbox: parked events, the backlog, retention and
 * replay. {@code RelayKafkaTest} and the outbox API tests check these clauses.
 */
public interface OutboxOperations {

  /** The outbox rows of a study still kept (retention deletes published ones), in commit order. */
  List<OutboxEvent> events(StudyId id);

  /** Events set aside after repeated failures, oldest first. */
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
