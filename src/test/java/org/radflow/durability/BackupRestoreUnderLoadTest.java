package org.radflow.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.Loopback;
import org.radflow.RadflowApplication;
import org.radflow.RestoreCheckCommand;
import org.radflow.hl7.Hl7Messages;
import org.radflow.hl7.MllpClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup and restore of docs/operations.md, rehearsed under load: a PostgreSQL cluster of the
 * test's own archives its WAL; radflow runs on it with file blobs while clients send HL7 orders
 * over MLLP and transitions over HTTP; a base backup is taken mid-load; a named restore point marks
 * T; the blob directory is synced after T; the backup is restored with the archived WAL to T on a
 * new cluster. Every transition acknowledged before T is in the restored database, none sent after
 * T is, and {@code radflow restore-check} finds every blob the restored database references in the
 * synced copy (and names the one the test then removes).
 */
class BackupRestoreUnderLoadTest {

  private static final String RESTORE_POINT = "radflow-restore-drill";
  private static final List<String> PATH =
      List.of(
          "IDENTITY_VALIDATED",
          "PROCEDURE_SCHEDULED",
          "ACQUISITION_STARTED",
          "ACQUISITION_COMPLETED",
          "IMAGES_COMMITTED");
  private static final int ACKS_PER_PHASE = 40;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What each client was told, by key: when it sent the request and when the ACK came back. */
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

  private final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
  private final AtomicBoolean loading = new AtomicBoolean(true);

  @TempDir Path temp;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS) // radflow's start alone took 60 s at load 16
  void everyTransitionAcknowledgedBeforeTheRestorePointIsRestoredWithItsBlobs() throws Exception {
    Assumptions.assumeTrue(
        PrivatePostgres.available(), "needs root and PostgreSQL 15 in " + PrivatePostgres.BIN);
    Path owned = PrivatePostgres.ownedDirectory(temp, "pg");
    Path archive = PrivatePostgres.ownedDirectory(owned, "archive");
    Path base = owned.resolve("base");
    Path home = Files.createDirectories(temp.resolve("home"));
    Path syncedBlobs = temp.resolve("synced-blobs");
    int mllpPort = Loopback.freePort();
    long restorePointAsked;
    long restorePointWritten;
    long began = System.nanoTime();

    try (PrivatePostgres primary = PrivatePostgres.archiving(owned.resolve("primary"), archive)) {
      try (Connection c = primary.connect("postgres");
          Statement s = c.createStatement()) {
        s.execute("create database radflow");
      }
      // arguments, not default properties: they must win over application.properties
      String[] settings = {
        "--server.port=0",
        "--radflow.home=" + home,
        "--radflow.db.url=" + primary.url("radflow"),
        "--radflow.db.user=" + primary.user(),
        "--radflow.db.password=",
        "--radflow.mllp.port=" + mllpPort,
        "--radflow.orchestration.enabled=false" // the clients' transitions, nobody else's
      };
      ExecutorService clients = Executors.newFixedThreadPool(3);
      phase("cluster initialised and started", began);
      try (ConfigurableApplicationContext radflow =
          new SpringApplicationBuilder(RadflowApplication.class).run(settings)) {
        phase("radflow started", began);
        Server server =
            new Server(
                Integer.parseInt(radflow.getEnvironment().getProperty("local.server.port")),
                "Bearer " + Files.readString(home.resolve("admin-token")).strip());
        List<Future<?>> running = new ArrayList<>();
        running.add(clients.submit(() -> sendOrders(mllpPort)));
        running.add(clients.submit(() -> driveStudies(server, 0)));
        running.add(clients.submit(() -> driveStudies(server, 1)));

        awaitAcks(ACKS_PER_PHASE, running);
        primary.baseBackup(base); // mid-load
        phase("base backup taken", began);
        awaitAcks(acknowledgedAt.size() + ACKS_PER_PHASE, running);

        try (Connection c = primary.connect("radflow");
            Statement s = c.createStatement()) {
          // acknowledged before the call began: committed before the restore point's WAL record;
          // sent after it returned: committed after it
          restorePointAsked = System.nanoTime();
          s.execute("select pg_create_restore_point('" + RESTORE_POINT + "')");
          restorePointWritten = System.nanoTime();
          String segment = single(s, "select pg_walfile_name(pg_switch_wal())");
          awaitAcks(acknowledgedAt.size() + ACKS_PER_PHASE / 2, running); // load goes on after T
          loading.set(false);
          for (Future<?> f : running) {
            f.get(30, TimeUnit.SECONDS);
          }
          awaitArchived(s, segment);
        }
        // after T: the copy holds every blob the database referenced at T (blobs are written
        // before the rows that reference them commit)
        copyTree(home.resolve("blobs"), syncedBlobs);
        phase("restore point archived, blobs synced", began);
      } finally {
        loading.set(false);
        clients.shutdownNow();
      }
    }

    Set<String> before = new HashSet<>();
    Set<String> after = new HashSet<>();
    acknowledgedAt.forEach((key, at) -> (at < restorePointAsked ? before : after).add(key));
    Set<String> sentAfter = new HashSet<>();
    sentAt.forEach(
        (key, at) -> {
          if (at > restorePointWritten) {
            sentAfter.add(key);
          }
        });
    System.out.printf(
        "restore drill: %d acknowledged before T, %d after; %d sent after T%n",
        before.size(), after.size(), sentAfter.size());
    assertThat(before).as("acknowledged before T").hasSizeGreaterThan(2 * ACKS_PER_PHASE - 10);
    assertThat(sentAfter).as("sent after T").isNotEmpty();

    try (PrivatePostgres restored = PrivatePostgres.restored(base, archive, RESTORE_POINT);
        Connection c = restored.connect("radflow");
        Statement s = c.createStatement()) {
      phase("restored to the restore point", began);
      Set<String> present = restoredKeys(s);
      assertThat(before)
          .as("every transition acknowledged before T is restored")
          .isSubsetOf(present);
      assertThat(present)
          .as("nothing sent after T is restored")
          .doesNotContainAnyElementsOf(sentAfter);

      Map<String, String> checkEnv =
          Map.of(
              "RADFLOW_HOME", temp.resolve("check-home").toString(),
              "RADFLOW_DB_URL", restored.url("radflow"),
              "RADFLOW_DB_USER", restored.user(),
              "RADFLOW_DB_PASSWORD", "");
      Checked complete = restoreCheck(checkEnv, syncedBlobs);
      assertThat(complete.exit()).as(complete.output()).isEqualTo(0);
      assertThat(complete.output()).contains("; 0 references to missing blobs");
      assertThat(referencesCounted(complete.output()))
          .as("the HL7 messages' blobs are among the references")
          .isGreaterThanOrEqualTo(before.stream().filter(k -> k.startsWith("HL7")).count());

      String referenced =
          single(
              s,
              "select substring(body from 'blob://sha256/([0-9a-f]{64})')"
                  + " from study_history where body like '%blob://sha256/%' limit 1");
      Files.delete(
          syncedBlobs.resolve(
              "sha256/"
                  + referenced.substring(0, 2)
                  + "/"
                  + referenced.substring(2, 4)
                  + "/"
                  + referenced));
      Checked incomplete = restoreCheck(checkEnv, syncedBlobs);
      assertThat(incomplete.exit()).as(incomplete.output()).isEqualTo(1);
      assertThat(incomplete.output())
          .contains("missing sha256:" + referenced + " referenced by study_history");
      System.out.print("restore drill: restore-check said: " + complete.output());
      phase("restore checked", began);
    }
  }

  /** radflow in this JVM: its HTTP port and the admin's credentials. */
  private record Server(int port, String authorization) {}

  private static void phase(String what, long began) {
    System.out.printf(
        "restore drill: %s at %d ms%n", what, (System.nanoTime() - began) / 1_000_000);
  }

  /** HL7 orders over MLLP, one connection, each a new study: the key is its accession. */
  private Void sendOrders(int port) throws Exception {
    try (MllpClient sender = new MllpClient(port)) {
      for (int n = 0; loading.get(); n++) {
        String accession = "HL7-" + n;
        sentAt.put(accession, System.nanoTime());
        MllpClient.Ack ack = sender.send(Hl7Messages.order("NW", "C-" + n, "MRN-" + n, accession));
        assertThat(ack.code()).as(ack.raw()).isEqualTo("AA");
        acknowledgedAt.put(accession, System.nanoTime());
      }
    }
    return null;
  }

  /** Over HTTP: opens a study, then takes it along the path; the key is the idempotency key. */
  private Void driveStudies(Server server, int client) throws Exception {
    for (int n = 0; loading.get(); n++) {
      String accession = "HTTP-" + client + "-" + n;
      sentAt.put(accession, System.nanoTime());
      HttpResponse<String> opened =
          post(
              server,
              "/api/v1/studies",
              StudyTraffic.newStudy("DRILL", accession, "P-" + accession, "restore-drill"));
      assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
      acknowledgedAt.put(accession, System.nanoTime());
      String id = JSON.readTree(opened.body()).get("id").asString();
      for (String type : PATH) {
        if (!loading.get()) {
          return null;
        }
        String key = accession + "/" + type;
        sentAt.put(key, System.nanoTime());
        HttpResponse<String> moved =
            post(
                server,
                "/api/v1/studies/" + id + "/transitions",
                StudyTraffic.transition(type, key, "restore-drill"));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        acknowledgedAt.put(key, System.nanoTime());
      }
    }
    return null;
  }

  /** The accessions of the studies and the idempotency keys of the transitions restored. */
  private static Set<String> restoredKeys(Statement s) throws Exception {
    Set<String> keys = new HashSet<>();
    try (ResultSet r = s.executeQuery("select accession_number from study")) {
      while (r.next()) {
        keys.add(r.getString(1));
      }
    }
    try (ResultSet r =
        s.executeQuery(
            "select idempotency_key from study_history"
                + " where change_type = 'APPLIED' and idempotency_key is not null")) {
      while (r.next()) {
        keys.add(r.getString(1));
      }
    }
    return keys;
  }

  private void awaitAcks(int count, List<Future<?>> running) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (acknowledgedAt.size() < count) {
      for (Future<?> f : running) {
        if (f.isDone()) {
          f.get(); // a client that failed fails the test with its reason
        }
      }
      assertThat(System.nanoTime())
          .as("%d acknowledgements within 30 s", count)
          .isLessThan(deadline);
      Thread.sleep(20); // polling the clients' progress, not waiting for time to pass
    }
  }

  /** Until the archiver has copied the segment that holds the restore point. */
  private static void awaitArchived(Statement s, String segment) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      String last = single(s, "select coalesce(last_archived_wal, '') from pg_stat_archiver");
      if (last.compareTo(segment) >= 0) {
        return;
      }
      assertThat(System.nanoTime()).as("segment %s archived", segment).isLessThan(deadline);
      Thread.sleep(50); // polling the archiver
    }
  }

  private record Checked(int exit, String output) {}

  /**
   * {@code radflow restore-check} with these settings, in this JVM: its exit status, its output.
   */
  private static Checked restoreCheck(Map<String, String> env, Path blobs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit =
        RestoreCheckCommand.run(new String[] {"--blobs", blobs.toString()}, env, print, print);
    return new Checked(exit, out.toString(StandardCharsets.UTF_8));
  }

  private static long referencesCounted(String output) {
    Matcher m = Pattern.compile("(\\d+) references to (\\d+) blobs").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String single(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  /** The blob sync: copies what the copy lacks, never deletes (docs/operations.md). */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!Files.exists(target)
            && !file.getFileName().toString().startsWith(".incoming-")) {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static HttpResponse<String> post(Server server, String path, String body)
      throws IOException, InterruptedException {
    return StudyTraffic.post(
        URI.create("http://127.0.0.1:" + server.port() + path), server.authorization(), body);
  }
}
