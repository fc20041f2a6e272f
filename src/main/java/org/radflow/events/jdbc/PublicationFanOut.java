package org.radflow.events.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.radflow.events.OutboxEvent;

/**
 * What else publishing an event owes, written in the transaction that marks it published, so a
 * consumer is never told of an event twice nor missed: webhook deliveries today. The outbox does
 * not know who consumes its events; the consumer registers itself here.
 */
@FunctionalInterface
public interface PublicationFanOut {

  /** Nothing else is owed. */
  PublicationFanOut NONE = (c, events, replay, now) -> {};

  /**
   * Writes what {@code events} owe, inside the caller's transaction.
   *
   * @param replay whether they are replays of events published before
   */
  void published(Connection c, List<OutboxEvent> events, boolean replay, Instant now)
      throws SQLException;
}
