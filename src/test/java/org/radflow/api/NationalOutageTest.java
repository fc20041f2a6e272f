package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.hl7.Hl7Service;
import org.radflow.hl7.RawMllp;
import org.radflow.simulator.Fault;
import org.radflow.simulator.Resource;
import org.radflow.workflow.Service;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * My Health Record is down while a thousand reports are finalised, over MLLP as a RIS sends them.
 * What radflow keeps meanwhile is encrypted: no report text, name or date of birth in any database
 * row or blob file. Recovery is trusted only once probes verify it; the release then drains at the
 * service's rate, urgent studies first, and the record ends with exactly one document per report
 * version, each amendment accepted after its original. Once with a manual release, once with an
 * automatic one.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "radflow.mllp.port=0")
class NationalOutageTest {

  private static final int STUDIES = 950;
  private static final int AMENDED = 50; // 950 originals + 50 amendments = 1,000 documents
  private static final int URGENT_EVERY = 10;
  private static final double RATE = 400;
  private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private static SimulatedWorld world;

  @LocalServerPort int port;
  @Autowired Hl7Service hl7;
  Api api;
  StudyDriver driver;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    world = SimulatedWorld.start("radflow-national-outage");
    world.register(registry, Map.of());
  }

  @AfterAll
  static void stopSimulators() {
    world.close();
  }

  @BeforeEach
  void connect() {
    api = world.admin(port);
    // only the service reads are used: the waits stay this test's own, sized to a thousand studies
    driver = new StudyDriver(api, Bodies.uniqueAuthority(), Duration.ofMinutes(3));
    // Billing is not what this test is about: its steps wait, suspended, for a release never given.
    policy("billing", "MANUAL");
    world.simulators().fault(Service.BILLING, Fault.down());
  }

  @Test
  void a_manual_release_waits_for_the_operator_after_recovery_is_verified() throws Exception {
    outage("MAN", "MANUAL");
  }

  @Test
  void an_automatic_release_starts_once_recovery_is_verified() throws Exception {
    outage("AUT", "AUTOMATIC");
  }

  private void outage(String run, String mode) throws Exception {
    policy("national-record", mode);
    world.simulators().fault(Service.NATIONAL_RECORD, Fault.down());
    List<Patient> patients = new ArrayList<>();
    for (int i = 0; i < STUDIES; i++) {
      patients.add(new Patient(run, i));
    }

    Instant started = Instant.now();
    sendFromSeveralSenders(patients, Patient::acquisitionCompleted);
    awaitAll(patients, "imaging", "IMAGES_COMMITTED");
    phase(run, "acquisitions committed", started);
    sendFromSeveralSenders(patients, p -> p.report("F", p.findings()));
    sendFromSeveralSenders(patients.subList(0, AMENDED), p -> p.report("C", p.amendedFindings()));

    // Every publication is suspended, retained and encrypted, while the record is down.
    await().atMost(Duration.ofMinutes(3)).until(() -> suspended("national-record") >= STUDIES);
    assertThat(driver.service("national-record").path("state").asString()).isEqualTo("DOWN");
    assertThat(driver.service("national-record").path("suspended").path("urgent").asLong())
        .isEqualTo(STUDIES / URGENT_EVERY);
    phase(run, "publications suspended", started);
    assertNothingInClear(patients);
    assertThat(documentsOf(run)).isEmpty();

    // Recovery is verified by probes before anything is released.
    world.simulators().fault(Service.NATIONAL_RECORD, Fault.none());
    if (mode.equals("MANUAL")) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> driver.service("national-record").path("state").asString().equals("RECOVERED"));
      Thread.sleep(1_000); // a manual release waits for the operator, however long
      assertThat(driver.service("national-record").path("state").asString()).isEqualTo("RECOVERED");
      assertThat(documentsOf(run)).isEmpty();
      Api.Response release =
          api.post(
              "/api/v1/services/national-record/release",
              "{\"reason\": \"My Health Record confirmed back\"}");
      assertThat(release.status()).as(release.text()).isEqualTo(200);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> driver.service("national-record").path("state").asString().equals("RELEASING"));
    Instant releaseStarted = Instant.now();
    await().atMost(Duration.ofMinutes(3)).until(() -> documentsOf(run).size() == STUDIES + AMENDED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> driver.service("national-record").path("state").asString().equals("UP"));
    Duration drained = Duration.between(releaseStarted, Instant.now());
    phase(run, "released and drained in " + drained.toMillis() + " ms", started);

    List<Resource> documents = documentsOf(run);
    assertThat(documents).hasSize(STUDIES + AMENDED);
    // the rate is the release's upper bound: releasing ~1,000 steps at 400/s takes at least ~2 s
    assertThat(drained).isGreaterThan(Duration.ofMillis((long) (STUDIES / RATE * 1000 * 0.8)));
    assertEachAmendmentFollowsItsOriginal(documents, patients);
    assertUrgentFirst(documents, patients);
  }

  private static void phase(String run, String what, Instant started) {
    System.out.printf(
        "NationalOutageTest %s: %s after %d ms%n",
        run, what, Duration.between(started, Instant.now()).toMillis());
  }

  /**
   * Sends one message per patient over four MLLP connections, each waiting for its ACKs. (HAPI's
   * client shares one connection per host and port, so four senders need a plain socket each.)
   */
  private void sendFromSeveralSenders(
      List<Patient> patients, java.util.function.Function<Patient, String> message)
      throws Exception {
    int senders = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(senders);
    try {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        int first = s;
        sent.add(
            pool.submit(
                () -> {
                  try (RawMllp ris = new RawMllp(hl7.listener().port())) {
                    for (int i = first; i < patients.size(); i += senders) {
                      String ack = ris.send(message.apply(patients.get(i)));
                      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AA");
                    }
                  }
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : sent) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- what must hold ---------------------------------------------------------------------------

  /**
   * No database row and no blob file holds a name, a date of birth or a report in clear. Every name
   * and report of this test carries one of a few made-up words, so those words are searched for;
   * each date of birth is looked up among the value's digit runs (HL7 and ISO forms).
   */
  private void assertNothingInClear(List<Patient> patients) throws Exception {
    Set<String> births = new HashSet<>();
    for (Patient p : patients) {
      births.add(p.born.format(HL7_DATE));
    }
    List<String> rows = databaseText();
    assertThat(rows).hasSizeGreaterThan(STUDIES);
    for (String value : rows) {
      assertNoneIn(value, births, "a database value");
    }
    List<Path> blobs;
    try (Stream<Path> files = Files.walk(world.home().resolve("blobs"))) {
      blobs = files.filter(Files::isRegularFile).toList();
    }
    assertThat(blobs).hasSizeGreaterThan(STUDIES); // raw messages, search keys, packages, reports
    for (Path blob : blobs) {
      assertNoneIn(
          new String(Files.readAllBytes(blob), StandardCharsets.ISO_8859_1),
          births,
          "blob " + blob);
    }
  }

  private static void assertNoneIn(String value, Set<String> births, String where) {
    for (String word : Patient.MADE_UP_WORDS) {
      assertThat(value).as(where).doesNotContain(word);
    }
    // A date written as HL7 writes it stands alone as eight digits (PID-7 "19500217"); a longer
    // run of digits is something else, such as part of a hash, which may contain any eight digits.
    for (String run : value.split("[^0-9]+")) {
      if (run.length() == 8) {
        assertThat(births).as("%s holds a date of birth", where).doesNotContain(run);
      }
    }
    java.util.regex.Matcher iso = ISO_DATE.matcher(value);
    while (iso.find()) {
      assertThat(births)
          .as("%s holds a date of birth", where)
          .doesNotContain(iso.group().replace("-", ""));
    }
  }

  private static final java.util.regex.Pattern ISO_DATE =
      java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** Every text and binary value of every table of the embedded database, as stored. */
  private List<String> databaseText() throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + world.home().resolve("radflow.db"));
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r = s.executeQuery("select name from sqlite_master where type = 'table'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet r = s.executeQuery("select * from \"" + table + "\"")) {
          int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            for (int i = 1; i <= columns; i++) {
              Object value = r.getObject(i);
              if (value instanceof String text) {
                values.add(text);
              } else if (value instanceof byte[] bytes) {
                values.add(new String(bytes, StandardCharsets.ISO_8859_1));
              }
            }
          }
        }
      }
    }
    return values;
  }

  private static void assertEachAmendmentFollowsItsOriginal(
      List<Resource> documents, List<Patient> patients) {
    Map<String, List<Resource>> byAccession =
        documents.stream().collect(Collectors.groupingBy(d -> d.attribute("accession")));
    for (Patient p : patients) {
      List<Resource> versions = byAccession.get(p.accession);
      boolean amended = patients.indexOf(p) < AMENDED;
      assertThat(versions).as(p.accession).hasSize(amended ? 2 : 1);
      if (amended) {
        Resource original = version(versions, "1");
        Resource amendment = version(versions, "2");
        assertThat(amendment.attribute("supersedes")).isEqualTo(original.id());
        assertThat(original.status()).isEqualTo("SUPERSEDED");
        assertThat(order(amendment)).isGreaterThan(order(original));
      } else {
        assertThat(versions.get(0).status()).isEqualTo("CURRENT");
      }
    }
  }

  /**
   * Urgent studies' originals were released first: all of them are among the first accepted, give
   * or take the batches and workers in flight while the release moved on to routine ones.
   */
  private static void assertUrgentFirst(List<Resource> documents, List<Patient> patients) {
    Set<String> urgent =
        patients.stream().filter(Patient::urgent).map(p -> p.accession).collect(Collectors.toSet());
    List<Resource> originals =
        documents.stream()
            .filter(d -> "1".equals(d.attribute("version")))
            .sorted(Comparator.comparingLong(NationalOutageTest::order))
            .toList();
    int slack = (int) Math.ceil(RATE / 10) * 2 + 16;
    List<String> firstAccepted =
        originals.subList(0, urgent.size() + slack).stream()
            .map(d -> d.attribute("accession"))
            .toList();
    assertThat(firstAccepted).containsAll(urgent);
  }

  private static Resource version(List<Resource> versions, String version) {
    return versions.stream()
        .filter(d -> version.equals(d.attribute("version")))
        .findFirst()
        .orElseThrow();
  }

  private static long order(Resource document) {
    return Long.parseLong(document.attribute("acceptedOrder"));
  }

  // ---- the sending RIS --------------------------------------------------------------------------

  /** A patient and their study, with details that must never be found in clear. */
  private static final class Patient {
    /** Every name and report text of this test holds one of these, and nothing else does. */
    static final List<String> MADE_UP_WORDS =
        List.of("Zorvath", "Quilla", "Quarrington", "onsolidation");

    final String accession;
    final String mrn;
    final String family;
    final String given;
    final LocalDate born;
    final int index;

    Patient(String run, int index) {
      this.index = index;
      String tag = run + String.format("%04d", index);
      this.accession = "OUT-" + tag;
      this.mrn = "MRN-" + tag;
      this.family = "Zorvath" + letters(tag);
      this.given = "Quilla" + letters(tag);
      this.born = LocalDate.of(1931, 1, 1).plusDays(index * 17L);
    }

    boolean urgent() {
      return index % URGENT_EVERY == 0;
    }

    String findings() {
      return "Consolidation in segment " + accession + " noted by Dr Quarrington";
    }

    String amendedFindings() {
      return "Amended: no consolidation in segment " + accession + " per Dr Quarrington";
    }

    /** ORM^O01 SC/CM for a study radflow never saw: it joins at acquisition complete. */
    String acquisitionCompleted() {
      return String.join(
              "\r",
              msh("ORM^O01", "ACQ-" + accession),
              pid(),
              "ORC|SC|PL"
                  + accession
                  + "^RIS|FL"
                  + accession
                  + "^RIS||CM||^^^^^"
                  + (urgent() ? "S" : "R")
                  + "||20261126101500",
              "OBR|1|PL"
                  + accession
                  + "^RIS|FL"
                  + accession
                  + "^RIS|CTCHEST^CT Chest^L||||||||||||||"
                  + accession
                  + "||||||CT")
          + "\r";
    }

    String report(String status, String text) {
      return String.join(
              "\r",
              msh("ORU^R01", status + "-" + accession),
              pid(),
              "ORC|RE|PL" + accession + "^RIS|FL" + accession + "^RIS||CM",
              "OBR|1|PL"
                  + accession
                  + "^RIS|FL"
                  + accession
                  + "^RIS|CTCHEST^CT Chest^L||||||||||||||"
                  + accession
                  + "||||"
                  + (status.equals("F") ? "20261126120000" : "20261126130000")
                  + "||CT|"
                  + status
                  + "|||||||RAD77&Brightwater&Ada",
              "OBX|1|TX|IMP^Impression||" + text + "||||||" + status)
          + "\r";
    }

    private String pid() {
      return "PID|1||"
          + mrn
          + "^^^NORTH^MR||"
          + family
          + "^"
          + given
          + "||"
          + born.format(HL7_DATE)
          + "|F";
    }

    private static String msh(String type, String controlId) {
      return "MSH|^~\\&|RIS|NORTH|RADFLOW|NORTH|20261126100000||"
          + type
          + "|"
          + controlId
          + "|P|2.5.1";
    }

    /** Digits as letters, so a name stays a name (and never matches a number in a row). */
    private static String letters(String tag) {
      StringBuilder out = new StringBuilder();
      for (char c : tag.toCharArray()) {
        out.append(Character.isDigit(c) ? (char) ('a' + (c - '0')) : Character.toLowerCase(c));
      }
      return out.toString();
    }
  }

  // ---- radflow's API and the simulators' state --------------------------------------------------

  private void policy(String service, String mode) {
    Api.Response response =
        api.send(
            "PUT",
            "/api/v1/services/" + service + "/release-policy",
            "application/json",
            "{\"mode\": \"" + mode + "\", \"perSecond\": " + RATE + "}");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
  }

  private long suspended(String slug) {
    return driver.service(slug).path("suspended").path("count").asLong();
  }

  /** Waits until this run's studies (the only ones in that state) all reached it. */
  private void awaitAll(List<Patient> patients, String track, String state) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                api.get(
                            "/api/v1/studies?track="
                                + track.toUpperCase()
                                + "&state="
                                + state
                                + "&limit=1")
                        .json()
                        .path("total")
                        .asLong()
                    >= patients.size());
  }

  private static List<Resource> documentsOf(String run) {
    return world
        .simulators()
        .simulator(Service.NATIONAL_RECORD)
        .state()
        .resources("document")
        .stream()
        .filter(d -> d.attribute("accession") != null)
        .filter(d -> d.attribute("accession").startsWith("OUT-" + run))
        .toList();
  }
}
