package org.radflow.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;
import org.radflow.db.TestPostgres;
import org.radflow.events.OutboxEvent;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the real server as a process, drives transitions from several clients, kills the server with
 * SIGKILL mid-load and restarts it: every acknowledged transition is there with its outbox row, no
 * transition is there in part, and an in-doubt transition re-sent after the restart is applied
 * exactly once.
 */
class KillNineDurabilityTest {

  private static final List<String> MAIN_PATH =
      List.of(
          "IDENTITY_VALIDATED",
          "PROCEDURE_SCHEDULED",
          "ACQUISITION_STARTED",
          "ACQUISITION_COMPLETED",
          "IMAGES_COMMITTED",
          "REPORT_PRELIMINARY",
          "REPORT_FINALISED",
          "REPORT_PUBLISHED",
          "CHARGE_SEEDED",
          "CLAIM_SUBMITTED",
          "CLAIM_ACCEPTED",
          "FINANCIALLY_RECONCILED");
  private static final int STUDIES = 36;
  private static final int CLIENTS = 6;
  private static final int KILL_AFTER_ACKS = 120;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path home;

  @Test
  void sqliteLosesNoAcknowledgedTransitionWhenKilled() throws Exception {
    Map<String, String> env = Map.of("RADFLOW_HOME", home.toString());
    String url = Databases.sqliteUrl(home);
    survivesKillNine(env, () -> Stores.open(url, null, null, 2, StoreSettings.defaults()));
  }

  @Test
  void postgresqlLosesNoAcknowledgedTransitionWhenKilled() throws Exception {
    try (TestPostgres.Schema schema = TestPostgres.freshSchema()) {
      Map<String, String> env =
          Map.of(
              "RADFLOW_HOME", home.toString(),
              "RADFLOW_DB_URL", schema.url(),
              "RADFLOW_DB_USER", schema.user(),
              "RADFLOW_DB_PASSWORD", schema.password());
      survivesKillNine(
          env,
          () ->
              Stores.open(
                  schema.url(), schema.user(), schema.password(), 2, StoreSettings.defaults()));
    }
  }

  interface StoreOpener {
    Stores open();
  }

  void survivesKillNine(Map<String, String> given, StoreOpener opener) throws Exception {
    // The lifecycle alone: no steps apply transitions beside the test's clients.
    Map<String, String> env = new java.util.HashMap<>(given);
    env.put("RADFLOW_ORCHESTRATION_ENABLED", "false");
    Path log = home.resolve("server.log");
    List<String> studyIds = new ArrayList<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> inDoubt = ConcurrentHashMap.newKeySet();

    try (ServerProcess server = ServerProcess.start(env, log)) {
      for (int i = 0; i < STUDIES; i++) {
        HttpResponse<String> created =
            StudyTraffic.post(
                server,
                "/api/v1/studies",
                StudyTraffic.newStudy("CRASH", "ACC-" + i, "P-" + i, "crash-test"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        studyIds.add(JSON.readTree(created.body()).get("id").asString());
      }

      AtomicBoolean serverGone = new AtomicBoolean();
      CountDownLatch killPoint = new CountDownLatch(KILL_AFTER_ACKS);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        running.add(
            clients.submit(
                () -> {
                  drive(server, studyIds, client, acknowledged, inDoubt, killPoint, serverGone);
                  return null;
                }));
      }
      assertThat(killPoint.await(60, TimeUnit.SECONDS))
          .as("%d transitions acknowledged before the kill", KILL_AFTER_ACKS)
          .isTrue();
      server.kill();
      serverGone.set(true);
      for (Future<?> f : running) {
        f.get();
      }
      clients.shutdown();
    }
    assertThat(acknowledged.size())
        .as("the kill came mid-load")
        .isGreaterThanOrEqualTo(KILL_AFTER_ACKS)
        .isLessThan(STUDIES * MAIN_PATH.size());

    System.out.printf(
        "kill -9 after %d acknowledged transitions, %d in doubt%n",
        acknowledged.size(), inDoubt.size());
    try (ServerProcess restarted = ServerProcess.start(env, log)) {
      for (String key : acknowledged) {
        assertThat(occurrences(restarted, studyOf(key, studyIds), key))
            .as("acknowledged %s survives the kill exactly once", key)
            .isEqualTo(1);
      }
      for (String key : inDoubt) {
        String studyId = studyOf(key, studyIds);
        HttpResponse<String> resent =
            StudyTraffic.post(
                restarted, "/api/v1/studies/" + studyId + "/transitions", transition(key));
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        assertThat(occurrences(restarted, studyId, key))
            .as("in-doubt %s applied exactly once after re-send", key)
            .isEqualTo(1);
      }
      finishEveryStudy(restarted, studyIds);
    }

    try (Stores store = opener.open()) {
      for (String id : studyIds) {
        assertNoPartialTransition(store, StudyId.parse(id));
      }
    }
  }

  private void drive(
      ServerProcess server,
      List<String> studyIds,
      int client,
      Set<String> acknowledged,
      Set<String> inDoubt,
      CountDownLatch killPoint,
      AtomicBoolean serverGone) {
    for (String type : MAIN_PATH) {
      for (int s = client; s < studyIds.size(); s += CLIENTS) {
        String key = key(type, s);
        try {
          HttpResponse<String> response =
              StudyTraffic.post(
                  server, "/api/v1/studies/" + studyIds.get(s) + "/transitions", transition(key));
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          acknowledged.add(key);
          killPoint.countDown();
        } catch (IOException e) {
          // No answer: the transition may or may not have committed. Re-sent after restart.
          inDoubt.add(key);
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (serverGone.get()) {
          return;
        }
      }
    }
  }

  private void finishEveryStudy(ServerProcess server, List<String> studyIds) throws Exception {
    for (int s = 0; s < studyIds.size(); s++) {
      for (String type : MAIN_PATH) {
        HttpResponse<String> response =
            StudyTraffic.post(
                server,
                "/api/v1/studies/" + studyIds.get(s) + "/transitions",
                transition(key(type, s)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      }
      JsonNode study = StudyChecks.get(server, "/api/v1/studies/" + studyIds.get(s));
      assertThat(study.get("status").get("kind").asString()).isEqualTo("FINANCIALLY_COMPLETE");
    }
  }

  /** Every history entry has its outbox row and the study row matches its history exactly. */
  private static void assertNoPartialTransition(Stores store, StudyId id) {
    Study study = store.studies().find(id).orElseThrow();
    List<HistoryEntry> history = store.studies().history(id);
    List<OutboxEvent> outbox = store.outboxOperations().events(id);
    List<Long> seqs = history.stream().map(HistoryEntry::seq).toList();
    List<Long> expected = new ArrayList<>();
    for (long seq = 1; seq <= study.version(); seq++) {
      expected.add(seq);
    }
    assertThat(seqs).as("history of %s has no gap", id).isEqualTo(expected);
    assertThat(outbox.stream().map(OutboxEvent::studySeq).toList())
        .as("outbox of %s matches its history", id)
        .isEqualTo(expected);
    assertThat(Study.replay(history.stream().map(HistoryEntry::change).toList()))
        .as("study row of %s equals its history", id)
        .isEqualTo(study);
  }

  private long occurrences(ServerProcess server, String studyId, String key) throws Exception {
    return StudyChecks.applied(
        StudyChecks.get(server, "/api/v1/studies/" + studyId + "/history"), key::equals);
  }

  private static String key(String type, int study) {
    return type + "@" + study;
  }

  private static String studyOf(String key, List<String> studyIds) {
    return studyIds.get(Integer.parseInt(key.substring(key.indexOf('@') + 1)));
  }

  private static String transition(String key) {
    return StudyTraffic.transition(key.substring(0, key.indexOf('@')), key, "crash-test");
  }
}
