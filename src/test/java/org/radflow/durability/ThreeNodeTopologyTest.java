package org.radflow.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.Loopback;
import org.radflow.blob.S3TestServer;
import org.radflow.db.TestPostgres;
import org.radflow.events.KafkaTestBroker;
import org.radflow.simulator.Fault;
import org.radflow.simulator.SimulatorCluster;
import org.radflow.workflow.Service;

/**
 * The topology docs/operations.md describes, rehearsed: one ingest-only node (HTTP API and MLLP; no
 * steps, no relay, no webhooks) and two engine-and-relay nodes (no MLLP), each with exactly the
 * documented settings, on one fresh PostgreSQL schema, with the simulators as the external systems,
 * a real Kafka broker and an S3 server for the blobs. Studies arrive at the ingest node as real
 * clients send them — orders over MLLP and studies through the HTTP API — and one engine node is
 * stopped with SIGTERM while it holds step leases.
 *
 * <p>The other engine node carries every study to PROCEDURE_SCHEDULED; each slot and worklist entry
 * exists once at the simulators; each committed event is on Kafka exactly once. The stopped node
 * drained: when it exited, no step was still leased to it (each it held was finished or given
 * back), and the survivor took every given-back step over, naming the stopped node.
 */
@ExtendWith(TestPostgres.Required.class)
class ThreeNodeTopologyTest {

  private static final int HTTP_STUDIES = 20;
  private static final int MLLP_STUDIES = 10;
  private static final int STUDIES = HTTP_STUDIES + MLLP_STUDIES;
  private static final int STEPS_PER_STUDY = 3; // VALIDATE_IDENTITY, RESERVE_SLOT, worklist entry
  private static final int WORKERS_PER_NODE = 6;
  private static final String TOPIC = "radflow.study-events";
  private static final String BUCKET = "radflow-three-nodes";
  private static final String BLOB_KEYS =
      "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

  /** Three radflow JVMs and a broker start at once on a small machine: C1 alone starts sooner. */
  private static final List<String> QUICK_START =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** Short, so the stopped node's slow calls outlast it and their leases are given back. */
  private static final String SHUTDOWN_TIMEOUT = "1s";

  private static final String STOPPED = "engine-a";
  private static final String SURVIVOR = "engine-b";

  /** Kept when the test fails: the nodes' logs are in it. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path home;

  @Test
  void anIngestNodeAndTwoEngineNodesFinishEveryStudyOnceWhenOneEngineIsStopped() throws Exception {
    long started = System.nanoTime();
    List<ServerProcess> running = new ArrayList<>();
    try (TestPostgres.Schema schema = TestPostgres.freshSchema();
        SimulatorCluster cluster = SimulatorCluster.start(InetAddress.getLoopbackAddress());
        KafkaTestBroker broker = KafkaTestBroker.start(home.resolve("kafka.log"));
        S3TestServer s3 = S3TestServer.start(Files.createDirectories(home.resolve("s3")))) {
      broker.createTopic(TOPIC, 4);
      s3.createBucket(BUCKET);
      // slow enough that the stopped node has calls in flight that outlast its shutdown bound
      cluster.fault(Service.IDENTITY, Fault.slow(200));
      cluster.fault(Service.SCHEDULING, Fault.slow(2000));
      cluster.fault(Service.WORKLIST, Fault.slow(2000));

      int mllpPort = Loopback.freePort();
      Map<String, Map<String, String>> envs = new HashMap<>();
      envs.put("ingest", ingestNode(schema, s3, mllpPort));
      envs.put(STOPPED, engineNode(schema, s3, cluster.baseUrls(), broker.bootstrap(), STOPPED));
      envs.put(SURVIVOR, engineNode(schema, s3, cluster.baseUrls(), broker.bootstrap(), SURVIVOR));
      Map<String, ServerProcess> nodes = startAll(envs, running);
      ServerProcess ingest = nodes.get("ingest");
      phase("three nodes up", started);

      StudyTraffic traffic = new StudyTraffic(ingest, mllpPort);
      List<String> accessions = traffic.send(HTTP_STUDIES, MLLP_STUDIES);
      phase("studies in", started);
      // calls of 2 s just begun, against a drain of 0.75 s: some are still running when it ends
      await("the node to be stopped holds slow steps")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> TopologyRows.runningSlowSteps(schema, STOPPED) >= WORKERS_PER_NODE / 2);
      assertThat(TopologyRows.succeeded(schema))
          .as("the stop comes mid-load")
          .isLessThan(STUDIES * STEPS_PER_STUDY);

      Set<String> heldAtStop = TopologyRows.held(schema, STOPPED);
      int exit = nodes.get(STOPPED).terminate(Duration.ofSeconds(30));
      running.remove(nodes.get(STOPPED));
      Instant exited = Instant.now();
      phase("engine node stopped (exit " + exit + ")", started);
      // The drain's result, read before a lease could have run out (10 s call + 20 s grace): each
      // step the node held it either finished or gave back, leaving no lease that is still running.
      assertThat(TopologyRows.leasedBeyond(schema, STOPPED, exited))
          .as("steps still leased to the stopped node after it exited")
          .isEmpty();

      try {
        await("the survivor finishes every study")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> TopologyRows.succeeded(schema) >= STUDIES * STEPS_PER_STUDY);
      } finally {
        System.out.print(TopologyRows.summary(schema));
      }
      phase("every step succeeded", started);

      // each step the stopped node held at SIGTERM it either finished before it exited, or gave
      // back and the survivor took over, naming it
      Set<String> finishedByStopped = TopologyRows.finishedBy(schema, STOPPED);
      Set<String> takenOver = TopologyRows.takenOverFrom(schema, STOPPED);
      System.out.printf(
          "%s held %d steps at SIGTERM: %d finished by it, %d taken over from it%n",
          STOPPED,
          heldAtStop.size(),
          heldAtStop.stream().filter(finishedByStopped::contains).count(),
          heldAtStop.stream().filter(takenOver::contains).count());
      assertThat(takenOver).as("steps the stopped node gave back").isNotEmpty();
      assertThat(heldAtStop)
          .as("steps held at SIGTERM, each finished by the stopped node or taken over from it")
          .allSatisfy(
              step ->
                  assertThat(finishedByStopped.contains(step) || takenOver.contains(step))
                      .as(step)
                      .isTrue());
      assertThat(TopologyRows.takenOverFrom(schema, SURVIVOR))
          .as("nothing was taken from the living node")
          .isEmpty();
      StudyChecks checks = new StudyChecks(ingest, cluster, schema);
      for (String accession : accessions) {
        checks.scheduledOnceEach(accession);
      }
      checks.oneResourcePerStudy(STUDIES);

      await("the relays publish every event")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> TopologyRows.unpublished(schema) == 0);
      EventChecks.eachEventOnce(schema, broker.readAll(TOPIC, Duration.ofSeconds(2)));
      assertThat(Files.readString(home.resolve(SURVIVOR + ".log")))
          .as("the survivor never lost a lease it held")
          .doesNotContain("not written:");
      phase("checked", started);

      // SIGTERM the ingest node while a RIS streams orders to it: it answers the message it holds
      // after its commit, then closes; every order it acknowledged is a study.
      StudyTraffic.OrderStream stream = new StudyTraffic.OrderStream(mllpPort, "ACC-3N-S");
      Thread ris = new Thread(stream, "ris");
      ris.start();
      await("the RIS has orders acknowledged")
          .atMost(Duration.ofSeconds(30))
          .until(() -> stream.acknowledged().size() >= 5);
      int ingestExit = ingest.terminate(Duration.ofSeconds(30));
      running.remove(ingest);
      ris.join(30_000);
      assertThat(ris.isAlive()).as("the RIS saw the connection end").isFalse();
      List<String> acknowledged = stream.acknowledged();
      System.out.printf(
          "ingest node stopped (exit %d) under a stream of orders: %d acknowledged; %s%n",
          ingestExit, acknowledged.size(), stream.ending());
      assertThat(stream.ending()).startsWith("connection ended");
      for (String accession : acknowledged) {
        assertThat(TopologyRows.studies(schema, accession))
            .as("study of the acknowledged order %s", accession)
            .isEqualTo(1);
      }
    } finally {
      for (ServerProcess node : running) {
        node.close();
      }
    }
  }

  private static void phase(String what, long started) {
    System.out.printf(
        "%s after %d ms%n", what, Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  /** The documented ingest-only settings: the API and MLLP, no steps, no relay, no webhooks. */
  private Map<String, String> ingestNode(TestPostgres.Schema schema, S3TestServer s3, int mllpPort)
      throws Exception {
    Map<String, String> env = common(schema, s3, "ingest");
    env.put("RADFLOW_ORCHESTRATION_ENABLED", "false");
    env.put("RADFLOW_OUTBOX_RELAY", "false");
    env.put("RADFLOW_WEBHOOKS_ENABLED", "false");
    env.put("RADFLOW_MLLP_PORT", Integer.toString(mllpPort));
    return env;
  }

  /** The documented engine-and-relay settings: steps, relay to Kafka, webhooks; no MLLP. */
  private Map<String, String> engineNode(
      TestPostgres.Schema schema,
      S3TestServer s3,
      Map<Service, URI> services,
      String kafka,
      String node)
      throws Exception {
    Map<String, String> env = common(schema, s3, node);
    env.put("RADFLOW_MLLP_ENABLED", "false");
    env.put("RADFLOW_ORCHESTRATION_NODE", node);
    env.put("RADFLOW_ORCHESTRATION_WORKERS", Integer.toString(WORKERS_PER_NODE));
    env.put("RADFLOW_KAFKA_BOOTSTRAP", kafka);
    env.put("RADFLOW_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT);
    // every service given, so no engine node starts simulators of its own
    ServerProcess.useServices(env, services);
    return env;
  }

  /** Every node: the one database, and the one blob store with the same keys. */
  private Map<String, String> common(TestPostgres.Schema schema, S3TestServer s3, String node)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("RADFLOW_HOME", Files.createDirectories(home.resolve(node)).toString());
    env.put("RADFLOW_DB_URL", schema.url());
    env.put("RADFLOW_DB_USER", schema.user());
    env.put("RADFLOW_DB_PASSWORD", schema.password());
    env.put("RADFLOW_BLOB_STORE", "s3");
    env.put("RADFLOW_BLOB_S3_BUCKET", BUCKET);
    env.put("RADFLOW_BLOB_S3_ENDPOINT", s3.endpoint().toString());
    env.put("RADFLOW_BLOB_S3_PATH_STYLE", "true");
    env.put("RADFLOW_BLOB_S3_ACCESS_KEY", S3TestServer.ACCESS_KEY);
    env.put("RADFLOW_BLOB_S3_SECRET_KEY", S3TestServer.SECRET_KEY);
    env.put("RADFLOW_BLOB_KEYS", BLOB_KEYS);
    return env;
  }

  /** All three side by side to shorten the wait; every one started is in {@code running}. */
  private Map<String, ServerProcess> startAll(
      Map<String, Map<String, String>> envs, List<ServerProcess> running) throws Exception {
    ExecutorService starter = Executors.newFixedThreadPool(envs.size());
    try {
      Map<String, Future<ServerProcess>> starting = new HashMap<>();
      envs.forEach(
          (name, env) -> {
            Callable<ServerProcess> start =
                () -> ServerProcess.start(env, home.resolve(name + ".log"), QUICK_START);
            starting.put(name, starter.submit(start));
          });
      Map<String, ServerProcess> nodes = new HashMap<>();
      Exception failed = null;
      for (var node : starting.entrySet()) {
        try {
          ServerProcess process = node.getValue().get();
          running.add(process);
          nodes.put(node.getKey(), process);
        } catch (java.util.concurrent.ExecutionException e) {
          failed = new IllegalStateException("cannot start " + node.getKey(), e.getCause());
        }
      }
      if (failed != null) {
        throw failed;
      }
      return nodes;
    } finally {
      starter.shutdown();
    }
  }
}
