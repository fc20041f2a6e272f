package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.radflow.blob.BlobRef;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterQuery;
import org.radflow.lifecycle.HistoryEntry;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.study.BusinessKey;
import org.radflow.study.Change;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.TransitionType;

/**
 * The HL7 conformance suite: the messages under {@code src/test/resources/hl7/conformance}, as real
 * products send them (several versions, segment endings, charsets, Z-segments, escapes), each sent
 * byte for byte over MLLP in the manifest's order, with the ACK and the effect the manifest states.
 * The messages build on each other (an order, then its status, report and charge), so they share
 * one listener and one store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceSuiteTest {

  static final String ROOT = "/hl7/conformance/";

  Path home;
  Stores store;
  Hl7Service hl7;
  FileSystemBlobStore blobs;
  RawMllp sender;

  /** One row of manifest.tsv. */
  record Row(
      int seq,
      String file,
      String type,
      String version,
      String ending,
      String charset,
      String source,
      String before,
      String ack,
      String track,
      String authority,
      String accession,
      String state,
      String effect) {
    @Override
    public String toString() {
      return seq + " " + file + " (" + type + " v" + version + ", " + ending + ", " + charset + ")";
    }
  }

  static List<Row> manifest() {
    try (InputStream in = ConformanceSuiteTest.class.getResourceAsStream(ROOT + "manifest.tsv")) {
      List<Row> rows = new ArrayList<>();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      boolean header = true;
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] c = line.split("\t", -1);
        rows.add(
            new Row(
                Integer.parseInt(c[0]),
                c[1],
                c[2],
                c[3],
                c[4],
                c[5],
                c[6],
                c[7],
                c[8],
                c[9],
                c[10],
                c[11],
                c[12],
                c[13]));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Row> messages() {
    return manifest().stream();
  }

  @BeforeAll
  void start() throws Exception {
    home = Files.createTempDirectory("radflow-conformance");
    store = Stores.open(Databases.sqliteUrl(home), null, null, 2, StoreSettings.defaults());
    blobs = new FileSystemBlobStore(home.resolve("blobs"));
    hl7 = TestHl7Service.start(store, blobs, TestHl7Service.settings(8, Set.of()));
    sender = new RawMllp(hl7.listener().port());
  }

  @AfterAll
  void stop() throws Exception {
    sender.close();
    hl7.close();
    store.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void eachMessageIsAcknowledgedAndMovesTheStudyAsTheManifestSays(Row row) throws Exception {
    byte[] raw;
    try (InputStream in = getClass().getResourceAsStream(ROOT + row.file())) {
      raw = in.readAllBytes();
    }
    assertEnding(row, raw);
    before(row.before());
    int lettersBefore = letters().size();

    sender.write(RawMllp.framed(raw));
    String ack = sender.readAck();

    assertThat(RawMllp.code(ack)).as(row + ": " + ack).isEqualTo(row.ack());
    switch (row.track()) {
      case "deadletter" -> {
        List<DeadLetter> letters = letters();
        assertThat(letters).as(row + ": " + ack).hasSize(lettersBefore + 1);
        assertThat(String.valueOf(letters.get(0).received().errorCode()))
            .as(row + ": " + ack)
            .isEqualTo(row.state());
      }
      case "clinical" ->
          assertThat(study(row).clinical().name()).as(row + ": " + ack).isEqualTo(row.state());
      case "imaging" ->
          assertThat(study(row).imaging().name()).as(row + ": " + ack).isEqualTo(row.state());
      case "administrative" ->
          assertThat(study(row).administrative().name())
              .as(row + ": " + ack)
              .isEqualTo(row.state());
      case "patient" ->
          assertThat(study(row).patient())
              .as(row + ": " + ack)
              .isEqualTo(
                  new PatientRef(row.state().split("/", 2)[0], row.state().split("/", 2)[1]));
      default -> throw new AssertionError("unknown track " + row.track());
    }
    if (!row.track().equals("deadletter")) {
      assertThat(letters()).as(row + ": no dead letter").hasSize(lettersBefore);
    }
    if (row.effect().startsWith("held")) {
      assertThat(ack).as(row.toString()).contains("held");
    }
    if (row.effect().startsWith("already")) {
      assertThat(ack).as(row.toString()).contains("already");
    }
    if (row.file().contains("oru-f-ft-nte-8859-1")) {
      // the Latin-1 bytes were read as MSH-18 says: the stored report body has the accents
      assertThat(reportOf(row, "H-4")).contains("Discopathie dégénérative L4");
    }
    if (row.file().contains("oru-f-ft-escapes")) {
      // the report body is the OBX segments as HL7: the escapes survive the round trip
      assertThat(reportOf(row, "A-5"))
          .contains("CT HEAD\\.br\\Technique: axial 5 mm\\F\\ no contrast")
          .contains("Density 40\\S\\45 HU")
          .contains("Ratio A\\T\\B; path C:\\E\\reports\\E\\1001")
          .contains("No acute abnormality.\\R\\Compare prior");
    }
    if (row.file().contains("oru-p-tx-nte")) {
      assertThat(reportOf(row, "A-4"))
          .contains("No intracranial haemorrhage.")
          .contains("No acute abnormality.");
    }
    if (row.effect().startsWith("booking held")) {
      assertThat(ack).as(row.toString()).contains("held");
    }
  }

  /** The file ends its segments as the manifest says, and only so. */
  static void assertEnding(Row row, byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int crlf = text.split("\r\n", -1).length - 1;
    int cr = text.replace("\r\n", "").split("\r", -1).length - 1;
    int lf = text.replace("\r\n", "").split("\n", -1).length - 1;
    switch (row.ending()) {
      case "CR" ->
          assertThat(List.of(cr > 0, lf, crlf)).as(row.toString()).isEqualTo(List.of(true, 0, 0));
      case "LF" ->
          assertThat(List.of(lf > 0, cr, crlf)).as(row.toString()).isEqualTo(List.of(true, 0, 0));
      case "CRLF" ->
          assertThat(List.of(crlf > 0, cr, lf)).as(row.toString()).isEqualTo(List.of(true, 0, 0));
      default -> throw new AssertionError("unknown ending " + row.ending());
    }
  }

  Study study(Row row) {
    return store
        .studies()
        .findByBusinessKey(new BusinessKey(row.authority(), row.accession()))
        .orElseThrow(
            () ->
                new AssertionError(row + ": no study " + row.authority() + "/" + row.accession()));
  }

  /** The stored report body of the transition the message {@code controlId} caused. */
  String reportOf(Row row, String controlId) throws IOException {
    Change.Applied applied =
        store.studies().history(study(row).id()).stream()
            .map(HistoryEntry::change)
            .filter(Change.Applied.class::isInstance)
            .map(Change.Applied.class::cast)
            .filter(c -> controlId.equals(c.transition().source().messageRef()))
            .findFirst()
            .orElseThrow();
    Reference report =
        applied.transition().references().stream()
            .filter(r -> r.kind().equals("report"))
            .findFirst()
            .orElseThrow();
    return new String(blobs.get(BlobRef.hashOf(URI.create(report.uri()))), StandardCharsets.UTF_8);
  }

  /** What the manifest has done to a study before a message: steps no HL7 message takes. */
  void before(String step) {
    if (step.equals("-")) {
      return;
    }
    String[] parts = step.split(" ", 2);
    String[] key = parts[1].split("/", 2);
    Study s = store.studies().findByBusinessKey(new BusinessKey(key[0], key[1])).orElseThrow();
    TransitionType type =
        switch (parts[0]) {
          case "commit-images" -> TransitionType.IMAGES_COMMITTED;
          case "validate-identity" -> TransitionType.IDENTITY_VALIDATED;
          default -> throw new AssertionError("unknown step " + step);
        };
    new StudyLifecycle(store.studies(), Clock.systemUTC())
        .apply(
            s.id(),
            new TransitionDraft(
                type,
                parts[0] + ":" + parts[1],
                null,
                Source.of("conformance"),
                "conformance",
                Map.of(),
                List.of()),
            null);
  }

  /** Dead letters, newest first. */
  List<DeadLetter> letters() {
    return store
        .deadLetters()
        .searchDeadLetters(
            new DeadLetterQuery(null, null, null, null, null, null, null, null, null, 500, null))
        .items();
  }
}
