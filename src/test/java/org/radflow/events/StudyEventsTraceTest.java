package org.radflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.radflow.study.StudyId;

/** An event names its trace by the CloudEvents distributed-tracing extension, and only then. */
class StudyEventsTraceTest {

  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void aTracedEventCarriesItsTraceparentAsTheDistributedTracingExtension() {
    CloudEvent event = StudyEvents.of(event().publishedIn(TRACEPARENT), false);

    assertThat(event.getExtension("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(event.getExtensionNames()).doesNotContain("tracestate");
  }

  @Test
  void anEventCommittedOutsideATraceHasNoTracingExtension() {
    CloudEvent event = StudyEvents.of(event(), false);

    assertThat(event.getExtensionNames()).doesNotContain("traceparent", "tracestate");
  }

  private static OutboxEvent event() {
    return new OutboxEvent(
        1, UUID.randomUUID(), StudyId.random(), 1, "study.created", "{}", Instant.EPOCH, null);
  }
}
