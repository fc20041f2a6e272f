package org.radflow.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.extensions.DistributedTracingExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * An outbox event as a CloudEvent. The id is the event's own (derived from study and history
 * position, so every publication and replay of it carries the same id); the subject is the study;
 * extensions carry the history position and, for a replay, the replay mark.
 */
public final class StudyEvents {

  /** The source of every radflow event. */
  public static final URI SOURCE = URI.create("urn:radflow:studies");

  /** CloudEvents type prefix: {@code org.radflow.study.transition.applied}. */
  public static final String TYPE_PREFIX = "org.radflow.";

  /** Extension attribute: the event's position in its study's history. */
  public static final String STUDY_SEQ = "studyseq";

  /** Extension attribute, present and true on replayed events only. */
  public static final String REPLAY = "radflowreplay";

  private StudyEvents() {}

  public static CloudEvent of(OutboxEvent event, boolean replay) {
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(event.eventId().toString())
            .withSource(SOURCE)
            .withType(TYPE_PREFIX + event.eventType())
            .withSubject(event.studyId().toString())
            .withTime(event.createdAt().atOffset(ZoneOffset.UTC))
            .withDataContentType("application/json")
            .withExtension(STUDY_SEQ, event.studySeq())
            .withData(event.payload().getBytes(StandardCharsets.UTF_8));
    if (replay) {
      builder.withExtension(REPLAY, true);
    }
    if (event.traceParent() != null) {
      // the CloudEvents distributed-tracing extension: a consumer continues the study's trace
      DistributedTracingExtension tracing = new DistributedTracingExtension();
      tracing.setTraceparent(event.traceParent());
      builder.withExtension(tracing);
    }
    return builder.build();
  }
}
