package org.radflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLedgerTest {

  private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

  private final EventLedger ledger = new EventLedger();

  @Test
  void countsDistinctEventsByIdAndRedeliveriesApart() {
    ReceivedEvent created = event(UUID.randomUUID(), "S1", 1, "study.created", 40);

    assertThat(ledger.accept(created)).isTrue();
    assertThat(ledger.accept(created)).isFalse();
    ledger.refuse();

    EventTally tally = ledger.tally();
    assertThat(tally.distinctEvents()).isEqualTo(1);
    assertThat(tally.deliveries()).isEqualTo(2);
    assertThat(tally.redeliveries()).isEqualTo(1);
    assertThat(tally.refused()).isEqualTo(1);
    assertThat(tally.byType()).isEqualTo(Map.of("study.created", 1L));
    assertThat(tally.byStudy()).isEqualTo(Map.of("S1", 1L));
    assertThat(ledger.received()).hasSize(2);
  }

  @Test
  void lagIsArrivalMinusRecordTimeOncePerDistinctEvent() {
    UUID first = UUID.randomUUID();
    ledger.accept(event(first, "S1", 1, "study.created", 40));
    ledger.accept(event(UUID.randomUUID(), "S1", 2, "study.transition.applied", 7));
    ledger.accept(event(first, "S1", 1, "study.created", 900));

    assertThat(ledger.lag()).extracting(DemoTimeline.LagSample::millis).containsExactly(40L, 7L);
  }

  @Test
  void aGapOrAReorderingInAStudysSequenceIsCounted() {
    ledger.accept(event(UUID.randomUUID(), "S1", 1, "study.created", 1));
    ledger.accept(event(UUID.randomUUID(), "S1", 3, "study.transition.applied", 1));
    ledger.accept(event(UUID.randomUUID(), "S1", 2, "study.transition.applied", 1));
    ledger.accept(event(UUID.randomUUID(), "S2", 2, "study.transition.applied", 1));

    assertThat(ledger.tally().outOfSequence()).isEqualTo(3);
  }

  @Test
  void aWaiterWakesOnARedeliveryNotOnlyOnANewEvent() throws Exception {
    ReceivedEvent created = event(UUID.randomUUID(), "S1", 1, "study.created", 1);
    ledger.accept(created);
    Duration timeout = Duration.ofSeconds(30);
    CompletableFuture<Long> waited =
        CompletableFuture.supplyAsync(
            () -> {
              long start = System.nanoTime();
              try {
                assertThat(ledger.await(t -> t.redeliveries() >= 1, timeout)).isTrue();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return System.nanoTime() - start;
            });

    ledger.accept(created);

    long waitedNanos = waited.get(timeout.toSeconds(), TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(waitedNanos)).isLessThan(timeout.dividedBy(2));
  }

  @Test
  void awaitAnswersFalseWhenTheTallyNeverGetsThere() throws Exception {
    assertThat(ledger.await(t -> t.distinctEvents() >= 1, Duration.ofMillis(20))).isFalse();
  }

  private static ReceivedEvent event(UUID id, String study, long seq, String type, long lagMillis) {
    return new ReceivedEvent(id, type, study, seq, T0, T0.plusMillis(lagMillis), false);
  }
}
