package org.radflow.events;

import java.util.List;

/** No Kafka configured: events are published to the webhook subscriptions only. */
final class NoBrokerSink implements EventSink {

  @Override
  public List<Outcome> publish(List<OutboxEvent> events, boolean replay) {
    return events.stream().map(e -> new Outcome(e, null, false, false)).toList();
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public void close() {}
}
