package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.hl7.Hl7Messages.order;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterQuery;

/**
 * The ORM of the security report: 1,040,198 bytes, under the 1 MiB frame limit, whose ORC-2 is
 * 1,040,000 repetitions. Parsed by HAPI it took 20 s and 6 GB of heap; three at once ran radflow
 * out of memory. Now the shape check refuses it before HAPI sees it.
 */
class RepetitionBombTest {

  static final int BOMBS = 4;

  @TempDir Path home;
  Stores store;
  Hl7Service hl7;

  @BeforeEach
  void start() throws Exception {
    store = Stores.open(Databases.sqliteUrl(home), null, null, 2, StoreSettings.defaults());
    Hl7Settings small = TestHl7Service.settings(BOMBS + 2, Set.of());
    hl7 =
        TestHl7Service.start(
            store,
            new FileSystemBlobStore(home.resolve("blobs")),
            new Hl7Settings(
                small.bindAddress(),
                0,
                small.maxConnections(),
                1024 * 1024,
                small.frameTimeout(),
                small.defaultCharset(),
                null,
                Set.of()));
  }

  @AfterEach
  void stop() {
    hl7.close();
    store.close();
  }

  static String bomb(int n) {
    // ORC-2 only: OBR-2 carries the same placer number
    return order("NW", "BOMB" + n, "P1", "B" + n)
        .replaceFirst("PLB" + n + "\\^RIS", "~".repeat(1_040_000));
  }

  @Test
  void bombsSentAtOnceAreRefusedUnparsedAndAFreshSenderIsStillAnswered() throws Exception {
    assertThat(bomb(1).length()).isBetween(1_040_000, 1024 * 1024);
    ExecutorService senders = Executors.newFixedThreadPool(BOMBS);
    try {
      List<Future<String>> acks = new ArrayList<>();
      for (int i = 0; i < BOMBS; i++) {
        String message = bomb(i);
        acks.add(
            senders.submit(
                () -> {
                  try (RawMllp sender = new RawMllp(hl7.listener().port())) {
                    return sender.send(message);
                  }
                }));
      }
      try (RawMllp fresh = new RawMllp(hl7.listener().port())) {
        assertThat(RawMllp.code(fresh.send(order("NW", "FRESH", "P2", "F1")))).isEqualTo("AA");
      }
      for (Future<String> ack : acks) {
        String text = ack.get(120, TimeUnit.SECONDS);
        assertThat(RawMllp.code(text)).as(text).isEqualTo("AR");
        assertThat(text).contains("ORC-2 (segment 3) repeats more than 100 times", "not parsed");
      }
    } finally {
      senders.shutdownNow();
    }
    assertThat(letters())
        .hasSize(BOMBS)
        .allSatisfy(l -> assertThat(l.received().errorCode().name()).isEqualTo("OVERSIZED"))
        .allSatisfy(l -> assertThat(l.raw().size()).isEqualTo(bomb(1).length()));
  }

  private List<DeadLetter> letters() {
    return store
        .deadLetters()
        .searchDeadLetters(
            new DeadLetterQuery(null, null, null, null, null, null, null, null, null, 50, null))
        .items();
  }
}
