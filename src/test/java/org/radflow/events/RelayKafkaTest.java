package org.radflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.TestPostgres;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.CreateResult;
import org.radflow.lifecycle.RelayPartition;
import org.radflow.study.BusinessKey;
import org.radflow.study.EntryKind;
import org.radflow.study.NewStudy;
import org.radflow.study.PatientRef;
import org.radflow.study.Source;
import org.radflow.study.StudyId;
import org.radflow.study.Transition;
import org.radflow.study.TransitionType;

/**
 * The relay against a real Kafka broker (KRaft, its own process) and PostgreSQL: every committed
 * change appears once after deduplication by ce_id, in per-study order, whatever commits late,
 * whatever the broker does, and whichever relay dies.
 */
@ExtendWith(TestPostgres.Required.class)
class RelayKafkaTest {

  private static KafkaTestBroker broker;

  private TestPostgres.Schema schema;
  private Stores store;
  private final List<Relay> relays = new ArrayList<>();
  private String topic;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaTestBroker.start(Files.createTempFile("radflow-kafka", ".log"));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @BeforeEach
  void freshStoreAndTopic() {
    schema = TestPostgres.freshSchema();
    store =
        Stores.open(schema.url(), schema.user(), schema.password(), 60, StoreSettings.defaults());
    topic = "radflow.study-events." + UUID.randomUUID();
    broker.createTopic(topic, 6);
  }

  @AfterEach
  void closeEverything() {
    relays.forEach(Relay::close);
    relays.clear();
    store.close();
    schema.close();
  }

  @Test
  void fiftyWritersAndALateCommitArePublishedOnceEachInStudyOrder() throws Exception {
    List<StudyId> studies = openStudies(20);
    Relay relay = relay("relay-1", Duration.ofSeconds(10));
    relay.start();

    // A transaction that took its outbox id early and commits after later ones: the classic
    // "id > last seen" relay would skip it.
    StudyId lateStudy = new StudyId(UUID.randomUUID());
    try (Connection late = schema.connect()) {
      late.setAutoCommit(false);
      insertBareEvent(late, lateStudy, 1);
      writeConcurrently(studies, 50, 8);
      // everything committed after the late transaction took its id is published…
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> store.outboxOperations().outboxStatus(Instant.now()).backlog() == 0);
      late.commit();
    }
    // …and the late one still is, once it commits
    await().atMost(Duration.ofSeconds(60)).until(() -> backlog() == 0);
    assertThat(unpublishedOf(lateStudy)).isZero();

    Map<String, List<Long>> perStudy = readDeduplicated();
    assertThat(perStudy.get(lateStudy.toString())).containsExactly(1L);
    assertEveryCommittedEventOnceInOrder(studies, perStudy);
  }

  @Test
  void aRolledBackTransactionPublishesNothing() throws Exception {
    List<StudyId> studies = openStudies(2);
    StudyId ghost = new StudyId(UUID.randomUUID());
    try (Connection tx = schema.connect()) {
      tx.setAutoCommit(false);
      insertBareEvent(tx, ghost, 1);
      tx.rollback();
    }
    relay("relay-1", Duration.ofSeconds(10)).start();
    await().atMost(Duration.ofSeconds(60)).until(() -> backlog() == 0);

    Map<String, List<Long>> perStudy = readDeduplicated();
    assertThat(perStudy).doesNotContainKey(ghost.toString());
    assertEveryCommittedEventOnceInOrder(studies, perStudy);
  }

  @Test
  void threeRelaysOneKilledKeepEveryStudyInOrder() throws Exception {
    List<StudyId> studies = openStudies(30);
    Relay a = relay("relay-a", Duration.ofSeconds(3));
    Relay b = relay("relay-b", Duration.ofSeconds(3));
    Relay c = relay("relay-c", Duration.ofSeconds(3));
    a.start();
    b.start();
    c.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !a.partitions().isEmpty()
                    && !b.partitions().isEmpty()
                    && !c.partitions().isEmpty());

    ExecutorService writers = Executors.newSingleThreadExecutor();
    Future<?> load = writers.submit(() -> writeConcurrently(studies, 10, 60));
    Thread.sleep(1000);
    List<Integer> heldByA = a.partitions();
    a.crash(); // its slices stay leased until the lease runs out, then b and c take them
    relays.remove(a);
    load.get();
    writers.shutdown();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> b.partitions().size() + c.partitions().size() == RelayPartition.COUNT);
    assertThat(heldByA).isNotEmpty();
    assertThat(b.partitions()).doesNotContainAnyElementsOf(c.partitions());
    writeConcurrently(studies, 5, 20); // more events, in every slice, after the takeover
    await().atMost(Duration.ofSeconds(90)).until(() -> backlog() == 0);
    assertEveryCommittedEventOnceInOrder(studies, readDeduplicated());
  }

  @Test
  void aBrokerOutageLosesNothingAndTheBacklogDrainsInOrder() throws Exception {
    List<StudyId> studies = openStudies(10);
    relay("relay-1", Duration.ofSeconds(10)).start();
    writeConcurrently(studies, 5, 4);
    await().atMost(Duration.ofSeconds(60)).until(() -> backlog() == 0);

    broker.stop();
    try {
      // radflow keeps working: commits succeed, events wait in the outbox
      writeConcurrently(studies, 5, 6);
      assertThat(backlog()).isEqualTo(30);
      Thread.sleep(3000);
      assertThat(backlog()).isEqualTo(30);
    } finally {
      broker.restart();
    }
    await().atMost(Duration.ofSeconds(90)).until(() -> backlog() == 0);
    assertEveryCommittedEventOnceInOrder(studies, readDeduplicated());
  }

  @Test
  void aReplayRepublishesAStudysEventsWithTheirIdsMarkedAsReplays() throws Exception {
    List<StudyId> studies = openStudies(3);
    writeConcurrently(studies, 3, 3);
    EventBackbone backbone =
        new EventBackbone(
            store.outbox(),
            store.outboxOperations(),
            store.audit(),
            broker.bootstrap(),
            topic,
            Clock.systemUTC(),
            new RelaySettings(
                "relay-replay", 200, Duration.ofSeconds(10), Duration.ofMillis(200), 5),
            Duration.ofDays(7),
            1000,
            new SimpleMeterRegistry(),
            org.radflow.tracing.Tracing.OFF);
    try {
      backbone.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> backlog() == 0);
      StudyId study = studies.get(0);
      List<String> original =
          store.outboxOperations().events(study).stream().map(e -> e.eventId().toString()).toList();

      int replayed = backbone.replayStudy(study, "j.smith", "billing rebuilt its projection");

      assertThat(replayed).isEqualTo(original.size());
      List<ConsumerRecord<String, byte[]>> records = broker.readAll(topic, Duration.ofSeconds(2));
      List<String> replays =
          records.stream()
              .filter(r -> r.headers().lastHeader("ce_" + StudyEvents.REPLAY) != null)
              .map(r -> header(r, "ce_id"))
              .toList();
      assertThat(replays).containsExactlyElementsOf(original);
      assertThat(store.audit().actions(study, 10))
          .first()
          .satisfies(a -> assertThat(a.action()).isEqualTo("REPLAY"));
    } finally {
      backbone.close();
    }
  }

  @Test
  void retentionDeletesOnlyPublishedEventsPastTheirAgeInBatches() {
    List<StudyId> studies = openStudies(5);
    writeConcurrently(studies, 2, 5); // 15 events in all, none published
    assertThat(store.outboxOperations().deletePublished(Instant.now().plusSeconds(3600), 100))
        .isZero();
    relay("relay-1", Duration.ofSeconds(10)).start();
    await().atMost(Duration.ofSeconds(60)).until(() -> backlog() == 0);

    assertThat(store.outboxOperations().deletePublished(Instant.now().minusSeconds(3600), 100))
        .isZero();
    Instant later = Instant.now().plusSeconds(1);
    assertThat(store.outboxOperations().deletePublished(later, 10)).isEqualTo(10);
    assertThat(store.outboxOperations().deletePublished(later, 10)).isEqualTo(5);
    assertThat(store.outboxOperations().deletePublished(later, 10)).isZero();
    // the history is the permanent record: replay can still rebuild every event
    assertThat(store.outboxOperations().historyEvents(studies.get(0))).isNotEmpty();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Relay relay(String owner, Duration lease) {
    Relay relay =
        new Relay(
            store.outbox(),
            new KafkaSink(broker.bootstrap(), topic, Duration.ofSeconds(5)),
            Clock.systemUTC(),
            new RelaySettings(owner, 200, lease, Duration.ofMillis(200), 5),
            new SimpleMeterRegistry());
    store.outbox().onCommit(relay::wake);
    relays.add(relay);
    return relay;
  }

  private long backlog() {
    return store.outboxOperations().outboxStatus(Instant.now()).backlog();
  }

  private long unpublishedOf(StudyId study) throws Exception {
    try (Connection c = schema.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from outbox where study_id = ? and published_at is null")) {
      s.setObject(1, study.value());
      try (var rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private List<StudyId> openStudies(int count) {
    List<StudyId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StudyId id = new StudyId(UUID.randomUUID());
      Instant now = Instant.now();
      CreateResult created =
          store
              .studies()
              .create(
                  new NewStudy(
                      id,
                      new BusinessKey("RELAY", "ACC-" + id),
                      new PatientRef("NHS", "P-" + i),
                      EntryKind.SCHEDULED,
                      null,
                      now,
                      now,
                      new Source("test", "order-" + i),
                      "test",
                      Map.of(),
                      List.of()));
      assertThat(created).isInstanceOf(CreateResult.Created.class);
      ids.add(id);
    }
    return ids;
  }

  /** {@code writers} threads each record {@code perWriter} completed steps on random studies. */
  private void writeConcurrently(List<StudyId> studies, int writers, int perWriter) {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      done.add(
          pool.submit(
              () -> {
                for (int n = 0; n < perWriter; n++) {
                  StudyId study = studies.get(ThreadLocalRandom.current().nextInt(studies.size()));
                  Instant now = Instant.now();
                  String key = "step-" + UUID.randomUUID();
                  ApplyResult result =
                      store
                          .studies()
                          .apply(
                              study,
                              new Transition(
                                  TransitionType.STEP_COMPLETED,
                                  key,
                                  now,
                                  now,
                                  new Source("test", key),
                                  "test",
                                  Map.of("step", key, "kind", "CREATE_WORKLIST_ENTRY"),
                                  List.of()),
                              null);
                  assertThat(result).isInstanceOf(ApplyResult.Committed.class);
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      try {
        f.get();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    pool.shutdown();
  }

  private static void insertBareEvent(Connection c, StudyId study, long seq) throws Exception {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into outbox (event_id, study_id, study_seq, event_type, payload, created_at,"
                + " relay_partition) values (?, ?, ?, 'study.created', '{}', now(), ?)")) {
      s.setObject(1, UUID.randomUUID());
      s.setObject(2, study.value());
      s.setLong(3, seq);
      s.setInt(4, RelayPartition.of(study));
      s.executeUpdate();
    }
  }

  /** Every record once by ce_id, grouped by study (the record key) in the order read. */
  private Map<String, List<Long>> readDeduplicated() {
    Map<String, List<Long>> perStudy = new LinkedHashMap<>();
    Map<String, Boolean> seen = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : broker.readAll(topic, Duration.ofSeconds(2))) {
      String id = header(record, "ce_id");
      if (seen.putIfAbsent(id, true) != null) {
        continue;
      }
      assertThat(header(record, "ce_subject")).isEqualTo(record.key());
      perStudy
          .computeIfAbsent(record.key(), k -> new ArrayList<>())
          .add(Long.parseLong(header(record, "ce_studyseq")));
    }
    return perStudy;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("header %s", name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Each study's events, as committed, appear once each and in their history order. */
  private void assertEveryCommittedEventOnceInOrder(
      List<StudyId> studies, Map<String, List<Long>> perStudy) {
    for (StudyId study : studies) {
      List<Long> committed =
          store.outboxOperations().events(study).stream().map(OutboxEvent::studySeq).toList();
      assertThat(perStudy.get(study.toString()))
          .as("events of study %s", study)
          .containsExactlyElementsOf(committed);
    }
  }
}
