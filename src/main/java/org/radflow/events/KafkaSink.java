package org.radflow.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.radflow.outbox.OutboxEvent;
import org.radflow.study.StudyId;

/**
 * Publishes to Kafka as CloudEvents in binary mode (attributes as {@code ce_} headers, the JSON
 * payload as the value), keyed by study id so a study's events share a partition. The producer is
 * idempotent with at most five requests in flight, so retries never reorder a partition.
 */
final class KafkaSink implements EventSink {

  private final KafkaProducer<String, CloudEvent> producer;
  private final String topic;
  private final Duration ackTimeout;

  KafkaSink(String bootstrap, String topic, Duration ackTimeout) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackTimeout.toMillis());
    config.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        (int) (ackTimeout.toMillis() / 2)); // within delivery.timeout
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "radflow-relay");
    this.producer = new KafkaProducer<>(config, new StringSerializer(), serializer());
    this.topic = topic;
    this.ackTimeout = ackTimeout;
  }

  private static CloudEventSerializer serializer() {
    CloudEventSerializer serializer = new CloudEventSerializer();
    serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
    return serializer;
  }

  @Override
  public List<Outcome> publish(List<OutboxEvent> events, boolean replay) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (OutboxEvent event : events) {
      try {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    topic, event.studyId().toString(), StudyEvents.of(event, replay))));
        refused.add(null);
      } catch (RuntimeException e) {
        // metadata unavailable within max.block.ms (broker down), or a record the producer refuses
        sent.add(null);
        refused.add(describe(e));
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    Set<StudyId> blocked = new HashSet<>();
    long deadline = System.nanoTime() + ackTimeout.plusSeconds(5).toNanos();
    for (int i = 0; i < events.size(); i++) {
      OutboxEvent event = events.get(i);
      String error = refused.get(i);
      boolean retriable = true;
      if (error == null) {
        try {
          sent.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
          error = describe(e.getCause());
          retriable = e.getCause() instanceof RetriableException;
        } catch (TimeoutException e) {
          error = "no acknowledgement from Kafka within " + ackTimeout;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          error = "interrupted while waiting for Kafka";
        }
      }
      // An event after a failed one of the same study is not counted as published, even if Kafka
      // acknowledged it: it is sent again after the failed one, and consumers deduplicate by id.
      boolean heldBack = blocked.contains(event.studyId());
      if (heldBack) {
        error = "an earlier event of this study was not published";
        retriable = true;
      }
      if (error != null) {
        blocked.add(event.studyId());
      }
      outcomes.add(new Outcome(event, error, retriable, heldBack));
    }
    return outcomes;
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @Override
  public boolean external() {
    return true;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
