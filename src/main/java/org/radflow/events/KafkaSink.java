package org.radflow.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
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

  /**
   * Sends in waves: the first unpublished event of every study, then — once each is acknowledged —
   * the second, and so on. An event is never in flight before its study's previous event was
   * acknowledged: when a batch expires, an idempotent producer can still write the batches behind
   * it, and an event sent early could land before one sent again later. Studies still publish in
   * parallel.
   */
  @Override
  public List<Outcome> publish(List<OutboxEvent> events, boolean replay) {
    Map<StudyId, List<Integer>> byStudy = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      byStudy.computeIfAbsent(events.get(i).studyId(), k -> new ArrayList<>()).add(i);
    }
    Outcome[] outcomes = new Outcome[events.size()];
    Set<StudyId> stopped = new HashSet<>();
    for (int wave = 0; ; wave++) {
      Map<Integer, Future<RecordMetadata>> inFlight = new LinkedHashMap<>();
      for (Map.Entry<StudyId, List<Integer>> study : byStudy.entrySet()) {
        if (wave >= study.getValue().size()) {
          continue;
        }
        int index = study.getValue().get(wave);
        OutboxEvent event = events.get(index);
        if (stopped.contains(study.getKey())) {
          outcomes[index] =
              new Outcome(event, "an earlier event of this study was not published", true, true);
          continue;
        }
        try {
          inFlight.put(
              index,
              producer.send(
                  new ProducerRecord<>(
                      topic, event.studyId().toString(), StudyEvents.of(event, replay))));
        } catch (RuntimeException e) {
          // metadata unavailable within max.block.ms (broker down), or a record refused outright
          boolean retriable = e instanceof RetriableException || !(e instanceof ApiException);
          outcomes[index] = new Outcome(event, describe(e), retriable, false);
          stopped.add(event.studyId());
        }
      }
      if (inFlight.isEmpty() && allDone(outcomes, byStudy, wave)) {
        break;
      }
      producer.flush();
      for (Map.Entry<Integer, Future<RecordMetadata>> sent : inFlight.entrySet()) {
        OutboxEvent event = events.get(sent.getKey());
        Outcome outcome = await(event, sent.getValue());
        outcomes[sent.getKey()] = outcome;
        if (!outcome.published()) {
          stopped.add(event.studyId());
        }
      }
    }
    return List.of(outcomes);
  }

  private static boolean allDone(
      Outcome[] outcomes, Map<StudyId, List<Integer>> byStudy, int wave) {
    return byStudy.values().stream().allMatch(indexes -> wave >= indexes.size() - 1)
        && java.util.Arrays.stream(outcomes).allMatch(java.util.Objects::nonNull);
  }

  private Outcome await(OutboxEvent event, Future<RecordMetadata> sent) {
    try {
      sent.get(ackTimeout.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
      return new Outcome(event, null, true, false);
    } catch (ExecutionException e) {
      return new Outcome(
          event, describe(e.getCause()), e.getCause() instanceof RetriableException, false);
    } catch (TimeoutException e) {
      return new Outcome(event, "no acknowledgement from Kafka within " + ackTimeout, true, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(event, "interrupted while waiting for Kafka", true, false);
    }
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
