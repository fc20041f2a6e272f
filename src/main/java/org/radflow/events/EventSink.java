package org.radflow.events;

import java.util.List;

/** Where the relay publishes events, besides the webhook deliveries it always writes. */
interface EventSink extends AutoCloseable {

  /**
   * What happened to each event of a publication, in the order given.
   *
   * @param error why it was not published, or {@code null}
   * @param retriable whether trying again can help (a broker outage) or not (a record refused)
   * @param heldBack not published because an earlier event of its study was not: no attempt of its
   *     own was spent
   */
  record Outcome(OutboxEvent event, String error, boolean retriable, boolean heldBack) {
    boolean published() {
      return error == null;
    }
  }

  /**
   * Publishes the events and waits for each to be acknowledged or to fail. Events of one study are
   * given in their order and must be published in it.
   */
  List<Outcome> publish(List<OutboxEvent> events, boolean replay);

  /** Whether there is an external broker at all (false: webhooks only). */
  boolean external();

  @Override
  void close();
}
