package org.radflow.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.radflow.api.SimulatedWorld;
import org.radflow.db.Database;
import org.radflow.hl7.Hl7Messages;
import org.radflow.hl7.Hl7Service;
import org.radflow.hl7.RawMllp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Without an endpoint tracing is off: radflow makes no spans, stores no traceparent and exports
 * nothing — here to a receiver that runs but that nobody named.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "radflow.mllp.port=0")
class TracingOffTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static OtlpReceiver receiver;
  private static SimulatedWorld world;

  @Autowired Hl7Service hl7;
  @Autowired Tracing tracing;
  @Autowired Database database;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    receiver = OtlpReceiver.start();
    world = SimulatedWorld.start("radflow-tracing-off");
    world.register(registry, Map.of());
  }

  @AfterAll
  static void stop() {
    world.close();
    receiver.close();
  }

  @Test
  void an_order_and_its_first_step_store_no_trace_and_nothing_is_exported() throws Exception {
    assertThat(tracing).isSameAs(Tracing.OFF);
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      String ack = sender.send(Hl7Messages.order("NW", "CTRL-OFF-1", "MRN-OFF-1", "ACC-OFF-1"));
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AA");
    }

    // the identity step ran and committed its outcome, and the relay published the events
    await()
        .atMost(PATIENCE)
        .until(() -> count("select count(*) from step where status = 'SUCCEEDED'") > 0);
    await()
        .atMost(PATIENCE)
        .until(() -> count("select count(*) from outbox where published_at is null") == 0);

    assertThat(count("select count(*) from study_history")).isGreaterThan(1);
    for (String table : List.of("study_history", "outbox", "step")) {
      assertThat(count("select count(*) from " + table + " where trace_parent is not null"))
          .as(table)
          .isZero();
    }
    assertThat(receiver.requests()).isZero();
  }

  private long count(String query) {
    return database.read(
        query,
        c -> {
          try (PreparedStatement s = c.prepareStatement(query);
              ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }
}
