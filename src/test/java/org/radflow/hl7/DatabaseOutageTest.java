package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.hl7.Hl7Messages.AUTHORITY;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.TestPostgres;
import org.radflow.deadletter.DeadLetterQuery;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.study.BusinessKey;
import org.radflow.study.Change;
import org.radflow.study.PatientRef;
import org.radflow.study.StudyId;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

/**
 * PostgreSQL goes away in the middle of a stream of HL7 messages and comes back. Senders are
 * answered AE while it is away, keep their messages and re-send them (the same bytes, or a copy
 * under a new control ID); once it is back, every message is accepted and each study holds each of
 * its transitions exactly once — including those whose commit reached the database just before the
 * connection was cut, so that the AE was a lie radflow had to survive.
 */
class DatabaseOutageTest {

  static final int SENDERS = 4;
  static final int ACCESSIONS_PER_SENDER = 10;
  static final int MESSAGES = SENDERS * ACCESSIONS_PER_SENDER * 4;

  /** The database goes away once this many messages are in, well before any sender is done. */
  static final int CUT_AFTER = MESSAGES / 4;

  /**
   * It comes back once every sender has been answered AE twice: the second AE of a sender comes
   * after the pool's 5 s connection timeout, so the outage lasts at least that long, and each
   * sender has re-sent both ways.
   */
  static final int AES_PER_SENDER_BEFORE_RESTORE = 2;

  @TempDir Path home;
  TestPostgres.Schema schema;
  TcpProxy proxy;
  Stores store;
  Hl7Service hl7;

  @BeforeEach
  void start() throws Exception {
    schema = TestPostgres.freshSchema();
    URI database = URI.create(schema.url().substring("jdbc:".length()));
    proxy = new TcpProxy(database.getHost(), port(database), 16);
    String throughProxy =
        "jdbc:postgresql://127.0.0.1:"
            + proxy.port()
            + database.getRawPath()
            + "?"
            + database.getRawQuery();
    store =
        Stores.open(throughProxy, schema.user(), schema.password(), 4, StoreSettings.defaults());
    hl7 =
        TestHl7Service.start(
            store,
            new FileSystemBlobStore(home.resolve("blobs")),
            TestHl7Service.settings(SENDERS + 2, java.util.Set.of()));
  }

  private static int port(URI database) {
    return database.getPort() == -1 ? 5432 : database.getPort();
  }

  /** Each part is stopped even when one before it fails to, so no schema or thread is left. */
  @AfterEach
  void stop() throws Exception {
    try (AutoCloseable dropSchema = schema == null ? () -> {} : schema;
        AutoCloseable stopProxy = proxy == null ? () -> {} : proxy;
        AutoCloseable closeStore = store == null ? () -> {} : store;
        AutoCloseable stopListener = hl7 == null ? () -> {} : hl7) {
      // closed in reverse order: the listener, the store, the proxy, then the schema is dropped
    }
  }

  @Test
  void everyMessageIsAcceptedOnceTheDatabaseIsBackAndNothingIsAppliedTwice() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    CountDownLatch cutPoint = new CountDownLatch(CUT_AFTER);
    List<RetryingSender> senders = new ArrayList<>();
    List<MllpClient> clients = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        MllpClient client = new MllpClient(hl7.listener().port());
        clients.add(client);
        RetryingSender sender =
            new RetryingSender(
                client,
                () -> {
                  accepted.incrementAndGet();
                  cutPoint.countDown();
                });
        senders.add(sender);
        int first = s * ACCESSIONS_PER_SENDER;
        running.add(threads.submit(() -> sendStudies(sender, first)));
      }

      assertThat(cutPoint.await(30, TimeUnit.SECONDS)).as("messages before the outage").isTrue();
      proxy.cut();
      long cutAt = System.nanoTime();
      awaitAes(senders, cutAt);
      proxy.restore();
      long outageMillis = (System.nanoTime() - cutAt) / 1_000_000;

      for (Future<?> f : running) {
        f.get(40, TimeUnit.SECONDS);
      }
      System.out.printf(
          "outage %d ms, %d AE answers, %d re-sent as the same bytes, %d under a new MSH-10, %d"
              + " answered as already recorded%n%s%n",
          outageMillis,
          senders.stream().mapToInt(s -> s.errors.size()).sum(),
          senders.stream().mapToInt(s -> s.sameBytesResends.get()).sum(),
          senders.stream().mapToInt(s -> s.newControlIdResends.get()).sum(),
          senders.stream().mapToInt(s -> s.committedBeforeAe.get()).sum(),
          senders.stream().flatMap(s -> s.errors.stream()).distinct().toList());
    } finally {
      threads.shutdownNow();
      threads.awaitTermination(10, TimeUnit.SECONDS);
      for (MllpClient client : clients) {
        client.close();
      }
    }

    for (RetryingSender sender : senders) {
      assertThat(sender.failures).isEmpty();
      assertThat(sender.errors).isNotEmpty();
      assertThat(sender.errors)
          .allSatisfy(
              error ->
                  assertThat(error)
                      .containsAnyOf(
                          "radflow could not commit the message",
                          "radflow cannot store the message"));
      assertThat(sender.sameBytesResends).hasPositiveValue();
      assertThat(sender.newControlIdResends).hasPositiveValue();
    }
    assertThat(accepted).hasValue(MESSAGES);
    assertThat(
            store
                .deadLetters()
                .searchDeadLetters(
                    new DeadLetterQuery(
                        null, null, null, null, null, null, null, null, null, 10, null))
                .items())
        .as("nothing was dead-lettered")
        .isEmpty();
    for (int a = 0; a < SENDERS * ACCESSIONS_PER_SENDER; a++) {
      assertAppliedOnce(a);
    }
  }

  /** One sender's studies, each order to final report, every message waiting for its ACK. */
  private Void sendStudies(RetryingSender sender, int first) throws InterruptedException {
    for (int a = first; a < first + ACCESSIONS_PER_SENDER; a++) {
      String accession = accession(a);
      String mrn = mrn(a);
      List<Function<String, String>> messages =
          List.of(
              id -> Hl7Messages.order("NW", id, mrn, accession),
              id -> Hl7Messages.orderStatus(id, mrn, accession, "IP"),
              id -> Hl7Messages.orderStatus(id, mrn, accession, "CM"),
              id -> Hl7Messages.result(id, mrn, accession, "F", "No acute findings"));
      for (int m = 0; m < messages.size(); m++) {
        if (!sender.deliver(accession + "-" + (m + 1), messages.get(m))) {
          return null; // the failure is recorded; later messages of the study would only add noise
        }
      }
    }
    return null;
  }

  /** Bounded by what the senders themselves are bounded by: their attempts and pauses. */
  private static void awaitAes(List<RetryingSender> senders, long cutAt)
      throws InterruptedException {
    long deadline = cutAt + TimeUnit.SECONDS.toNanos(30);
    while (senders.stream().anyMatch(s -> s.errors.size() < AES_PER_SENDER_BEFORE_RESTORE)) {
      for (RetryingSender sender : senders) {
        assertThat(sender.failures).as("a sender gave up during the outage").isEmpty();
      }
      assertThat(System.nanoTime())
          .as("every sender answered AE during the outage")
          .isLessThan(deadline);
      Thread.sleep(50); // polling the senders' progress, not waiting for time
    }
  }

  private void assertAppliedOnce(int a) {
    List<StudyId> studies = store.studies().studiesOfPatient(new PatientRef(AUTHORITY, mrn(a)));
    assertThat(studies).as("studies of %s", accession(a)).hasSize(1);
    StudyId id = studies.get(0);
    assertThat(store.studies().find(id).orElseThrow().businessKey())
        .isEqualTo(new BusinessKey(AUTHORITY, accession(a)));
    List<HistoryEntry> history = store.studies().history(id);
    assertThat(history.stream().filter(e -> e.change() instanceof Change.Created)).hasSize(1);
    Map<String, Long> perKey =
        history.stream()
            .map(e -> arrival(e.change()))
            .filter(t -> t != null)
            .collect(Collectors.groupingBy(Transition::idempotencyKey, Collectors.counting()));
    assertThat(perKey)
        .as("history of %s", accession(a))
        .allSatisfy((k, n) -> assertThat(n).isOne());
    assertThat(
            history.stream()
                .map(e -> arrival(e.change()))
                .filter(t -> t != null)
                .map(Transition::type))
        .containsExactlyInAnyOrder(
            TransitionType.ACQUISITION_STARTED,
            TransitionType.ACQUISITION_COMPLETED,
            TransitionType.REPORT_FINALISED);
    assertThat(store.studies().conflicts(id)).isEmpty();
  }

  /**
   * The transition whose arrival a history entry records: applied at once, or held. A release from
   * hold is the same transition taking effect, not a second arrival.
   */
  private static Transition arrival(Change change) {
    if (change instanceof Change.Applied applied && !applied.releasedFromHold()) {
      return applied.transition();
    }
    if (change instanceof Change.Held held) {
      return held.held().transition();
    }
    return null;
  }

  private static String accession(int a) {
    return "OUT" + a;
  }

  private static String mrn(int a) {
    return "PO" + a;
  }
}
