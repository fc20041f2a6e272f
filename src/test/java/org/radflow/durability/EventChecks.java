package org.radflow.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.radflow.db.TestPostgres;

/** Every event committed to the outbox is on Kafka exactly once (by its CloudEvents id). */
final class EventChecks {

  private EventChecks() {}

  static void eachEventOnce(TestPostgres.Schema schema, List<ConsumerRecord<String, byte[]>> read)
      throws Exception {
    Map<String, Integer> copies = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : read) {
      Header id = record.headers().lastHeader("ce_id");
      assertThat(id).as("ce_id of a record").isNotNull();
      copies.merge(new String(id.value(), StandardCharsets.UTF_8), 1, Integer::sum);
    }
    assertThat(copies.keySet())
        .as("events on Kafka, against the outbox")
        .isEqualTo(TopologyRows.committedEvents(schema));
    assertThat(copies)
        .as("events published more than once")
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    System.out.printf("%d events on Kafka, each once%n", copies.size());
  }
}
