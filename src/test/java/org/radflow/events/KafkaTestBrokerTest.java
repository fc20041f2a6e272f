package org.radflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker harness itself: records produced with acks=all come back in per-key order, a produce
 * fails while the broker is down, and nothing acknowledged is lost across a graceful stop or a
 * SIGKILL and restart.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaTestBrokerTest {

  private static final String TOPIC = "harness-check";
  private static final int KEYS = 7;
  private static final Duration QUIET = Duration.ofMillis(500);

  @TempDir Path tempDir;

  @Test
  void keeps_every_acknowledged_record_across_an_outage() throws Exception {
    try (KafkaTestBroker broker = KafkaTestBroker.start(tempDir.resolve("kafka.log"))) {
      broker.createTopic(TOPIC, 3);

      try (KafkaProducer<String, byte[]> producer = producer(broker, Duration.ofSeconds(30))) {
        produce(producer, 0, 100);
        assertInPerKeyOrder(broker.readAll(TOPIC, QUIET), 100);

        broker.stop();
        try (KafkaProducer<String, byte[]> impatient = producer(broker, Duration.ofSeconds(2))) {
          Throwable failure =
              catchThrowable(() -> impatient.send(record(100)).get(10, TimeUnit.SECONDS));
          assertThat(failure).isNotNull();
          Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
          assertThat(cause).isInstanceOf(TimeoutException.class);
        }

        broker.restart();
        produce(producer, 100, 150);
        assertInPerKeyOrder(broker.readAll(TOPIC, QUIET), 150);
      }

      broker.kill();
      broker.restart();
      assertInPerKeyOrder(broker.readAll(TOPIC, QUIET), 150);
    }
  }

  private static KafkaProducer<String, byte[]> producer(
      KafkaTestBroker broker, Duration deliveryTimeout) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(deliveryTimeout.toMillis()));
    config.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryTimeout.toMillis()));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(deliveryTimeout.toMillis()));
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends records {@code from} (inclusive) to {@code to} (exclusive) and waits for every ack. */
  private static void produce(KafkaProducer<String, byte[]> producer, int from, int to)
      throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (int i = from; i < to; i++) {
      acks.add(producer.send(record(i)));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get(30, TimeUnit.SECONDS);
    }
  }

  private static ProducerRecord<String, byte[]> record(int sequence) {
    return new ProducerRecord<>(
        TOPIC, "key-" + sequence % KEYS, ByteBuffer.allocate(4).putInt(sequence).array());
  }

  /** Exactly sequences 0..count-1, once each, and for every key in the order they were sent. */
  private static void assertInPerKeyOrder(List<ConsumerRecord<String, byte[]>> records, int count) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      byKey
          .computeIfAbsent(record.key(), key -> new ArrayList<>())
          .add(ByteBuffer.wrap(record.value()).getInt());
    }
    assertThat(records).hasSize(count);
    assertThat(byKey).hasSize(KEYS);
    for (int k = 0; k < KEYS; k++) {
      List<Integer> expected = new ArrayList<>();
      for (int i = k; i < count; i += KEYS) {
        expected.add(i);
      }
      assertThat(byKey.get("key-" + k)).as("sequences of key-%d", k).isEqualTo(expected);
    }
  }
}
