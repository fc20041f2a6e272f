package org.radflow.hl7;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.radflow.hl7.Hl7Messages.AUTHORITY;
import static org.radflow.hl7.Hl7Messages.booking;
import static org.radflow.hl7.Hl7Messages.bookingNaming;
import static org.radflow.hl7.Hl7Messages.charge;
import static org.radflow.hl7.Hl7Messages.chargeNaming;
import static org.radflow.hl7.Hl7Messages.merge;
import static org.radflow.hl7.Hl7Messages.omi;
import static org.radflow.hl7.Hl7Messages.order;
import static org.radflow.hl7.Hl7Messages.orderStatus;
import static org.radflow.hl7.Hl7Messages.patientUpdate;
import static org.radflow.hl7.Hl7Messages.result;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.radflow.orchestration.ClaimedStep;
import org.radflow.study.AdministrativeState;
import org.radflow.study.BusinessKey;
import org.radflow.study.Change;
import org.radflow.study.ClinicalState;
import org.radflow.study.EntryKind;
import org.radflow.study.ImagingState;
import org.radflow.study.PatientRef;
import org.radflow.study.Reference;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.TransitionType;
import org.radflow.workflow.StepStatus;

class MllpIngestTest {

  @TempDir Path home;
  Stores store;
  FileSystemBlobStore blobs;
  Hl7Service hl7;
  MllpClient client;

  /**
   * These tests' booking and charge messages are a legacy sender's: the accession in SCH-27 and
   * FT1-23, where the standard has the filler order number. The site declares it.
   */
  static final Set<String> LEGACY_ACCESSION_FIELDS = Set.of("FT1-23", "SCH-27");

  @BeforeEach
  void start() throws Exception {
    store = Stores.open(Databases.sqliteUrl(home), null, null, 2, StoreSettings.defaults());
    blobs = new FileSystemBlobStore(home.resolve("blobs"));
    listen(LEGACY_ACCESSION_FIELDS);
  }

  /** (Re)starts the listener over the same store, reading the accession in these fields too. */
  void listen(Set<String> accessionFields) throws Exception {
    if (hl7 != null) {
      client.close();
      hl7.close();
    }
    hl7 = TestHl7Service.start(store, blobs, TestHl7Service.settings(8, accessionFields));
    client = new MllpClient(hl7.listener().port());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    hl7.close();
    store.close();
  }

  /** The dead letters kept, oldest first, as "CODE controlId reason". */
  List<String> deadLetters() {
    return letters().stream()
        .map(
            l ->
                l.received().errorCode()
                    + " "
                    + l.received().controlId()
                    + " "
                    + l.received().reason())
        .toList();
  }

  List<DeadLetter> letters() {
    List<DeadLetter> newestFirst =
        store
            .deadLetters()
            .searchDeadLetters(
                new DeadLetterQuery(
                    null, null, null, null, null, null, null, null, null, 500, null))
            .items();
    List<DeadLetter> oldestFirst = new java.util.ArrayList<>(newestFirst);
    java.util.Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  Study study(String accession) {
    return store.studies().findByBusinessKey(new BusinessKey(AUTHORITY, accession)).orElseThrow();
  }

  /** Sends with HAPI's client and expects {@code code}; returns the ACK. */
  MllpClient.Ack expect(String code, String message) throws Exception {
    MllpClient.Ack ack = client.send(message);
    assertThat(ack.code()).as(ack.raw()).isEqualTo(code);
    return ack;
  }

  List<HistoryEntry> history(String accession) {
    return store.studies().history(study(accession).id());
  }

  void commitImages(String accession) {
    Study s = study(accession);
    new StudyLifecycle(store.studies(), Clock.systemUTC())
        .apply(
            s.id(),
            new TransitionDraft(
                TransitionType.IMAGES_COMMITTED,
                "archive:" + accession,
                null,
                Source.of("archive"),
                "archive",
                Map.of(),
                List.of()),
            null);
  }

  void validateIdentity(String accession) {
    Study s = study(accession);
    new StudyLifecycle(store.studies(), Clock.systemUTC())
        .apply(
            s.id(),
            new TransitionDraft(
                TransitionType.IDENTITY_VALIDATED,
                "identity:" + accession,
                null,
                Source.of("identity"),
                "identity",
                Map.of(),
                List.of()),
            null);
  }

  @Test
  void everyMappedMessageMovesTheStudyAndIsAcknowledgedAfterItsCommit() throws Exception {
    MllpClient.Ack ack = expect("AA", order("NW", "M1", "P1", "A1"));
    assertThat(ack.controlId()).isEqualTo("M1");
    assertThat(study("A1").clinical()).isEqualTo(ClinicalState.ORDER_RECEIVED);
    assertThat(study("A1").patient()).isEqualTo(new PatientRef(AUTHORITY, "P1"));
    assertThat(study("A1").attributes())
        .containsEntry("procedureCode", "CTHEAD")
        .containsEntry("fillerOrderNumber", "FLA1");

    // booked before identity is validated: held, not refused
    assertThat(expect("AA", booking("S12", "M2", "P1", "A1", "AP1", "202611271000")).text())
        .contains("held");
    validateIdentity("A1");
    assertThat(study("A1").clinical()).isEqualTo(ClinicalState.PROCEDURE_SCHEDULED);
    expect("AA", booking("S14", "M3", "P1", "A1", "AP1", "202611271100"));
    expect("AA", booking("S15", "M4", "P1", "A1", "AP1", "202611271100"));
    assertThat(study("A1").clinical()).isEqualTo(ClinicalState.IDENTITY_VALIDATED);
    expect("AA", booking("S12", "M5", "P1", "A1", "AP2", "202611281000"));
    assertThat(study("A1").clinical()).isEqualTo(ClinicalState.PROCEDURE_SCHEDULED);

    String changed = order("XO", "M6", "P1", "A1").replace("CTHEAD^CT Head", "CTHEADC^CT Head+C");
    expect("AA", changed);
    expect("AA", orderStatus("M7", "P1", "A1", "IP"));
    expect("AA", orderStatus("M8", "P1", "A1", "CM"));
    assertThat(study("A1").imaging()).isEqualTo(ImagingState.ACQUISITION_COMPLETE);
    commitImages("A1");
    expect("AA", result("M9", "P1", "A1", "P", "Preliminary: no bleed"));
    assertThat(study("A1").imaging()).isEqualTo(ImagingState.REPORT_PRELIMINARY);
    expect("AA", result("M10", "P1", "A1", "F", "No acute findings"));
    assertThat(study("A1").imaging()).isEqualTo(ImagingState.REPORT_FINALISED);
    expect("AA", result("M11", "P1", "A1", "C", "Addendum: small old infarct"));
    assertThat(study("A1").imaging()).isEqualTo(ImagingState.REPORT_AMENDED);
    expect("AA", charge("M12", "P1", "A1", "T1"));
    assertThat(study("A1").administrative()).isEqualTo(AdministrativeState.CHARGE_SEEDED);

    List<TransitionType> recorded =
        history("A1").stream()
            .map(HistoryEntry::change)
            .filter(Change.Applied.class::isInstance)
            .map(c -> ((Change.Applied) c).transition().type())
            .toList();
    assertThat(recorded)
        .contains(
            TransitionType.PROCEDURE_SCHEDULED, TransitionType.APPOINTMENT_CANCELLED,
            TransitionType.ORDER_CHANGED, TransitionType.ACQUISITION_STARTED,
            TransitionType.REPORT_AMENDED, TransitionType.CHARGE_SEEDED);
    Change.Applied finalReport =
        history("A1").stream()
            .map(HistoryEntry::change)
            .filter(Change.Applied.class::isInstance)
            .map(Change.Applied.class::cast)
            .filter(c -> c.transition().type() == TransitionType.REPORT_FINALISED)
            .findFirst()
            .orElseThrow();
    assertThat(finalReport.transition().source().messageRef()).isEqualTo("M10");
    Reference report =
        finalReport.transition().references().stream()
            .filter(r -> r.kind().equals("report"))
            .findFirst()
            .orElseThrow();
    assertThat(new String(blobs.get(BlobRef.hashOf(URI.create(report.uri()))), UTF_8))
        .contains("No acute findings");
    Reference raw =
        finalReport.transition().references().stream()
            .filter(r -> r.kind().equals(Reference.SOURCE_MESSAGE))
            .findFirst()
            .orElseThrow();
    assertThat(new String(blobs.get(BlobRef.hashOf(URI.create(raw.uri()))), UTF_8))
        .contains("ORU^R01|M10|");
    assertThat(deadLetters()).isEmpty();
  }

  void applyFrom(String system, String accession, TransitionType type) {
    Study s = study(accession);
    new StudyLifecycle(store.studies(), Clock.systemUTC())
        .apply(
            s.id(),
            new TransitionDraft(
                type, system + ":" + type, null, Source.of(system), system, Map.of(), List.of()),
            null);
  }

  @Test
  void aModalityStatusForAStateThePacsAlreadyReportedIsAlreadyKnownAndRecordedOnce()
      throws Exception {
    expect("AA", order("NW", "K1", "P20", "K1"));
    applyFrom("pacs", "K1", TransitionType.ACQUISITION_STARTED);
    applyFrom("pacs", "K1", TransitionType.ACQUISITION_COMPLETED);
    commitImages("K1");
    int before = history("K1").size();

    assertThat(expect("AA", orderStatus("K2", "P20", "K1", "IP")).text())
        .contains("ACQUISITION_STARTED already known");
    assertThat(study("K1").imaging()).isEqualTo(ImagingState.IMAGES_COMMITTED);
    assertThat(history("K1")).hasSize(before + 1);
    Change.Observed observed =
        assertInstanceOf(Change.Observed.class, history("K1").get(before).change());
    assertThat(observed.transition().source().messageRef()).isEqualTo("K2");

    assertThat(expect("AA", orderStatus("K3", "P20", "K1", "IP")).text())
        .contains("already recorded");
    assertThat(history("K1")).hasSize(before + 1);
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void anOmiOrderNamesTheAccessionAndStudyInIpc() throws Exception {
    expect("AA", omi("O1", "P2", "B1", "1.2.840.99.1"));
    assertThat(study("B1").attributes())
        .containsEntry("studyInstanceUid", "1.2.840.99.1")
        .containsEntry("modality", "CT");
    expect("AA", order("CA", "O2", "P2", "B1"));
    assertThat(study("B1").clinical()).isEqualTo(ClinicalState.CANCELLED);
  }

  @Test
  void aMessageReSentWithANewControlIdIsTheSameTransition() throws Exception {
    expect("AA", order("NW", "D1", "P3", "C1"));
    assertThat(expect("AA", order("NW", "D1-again", "P3", "C1")).text()).contains("already open");
    expect("AA", orderStatus("D2", "P3", "C1", "IP"));
    expect("AA", orderStatus("D3", "P3", "C1", "CM"));
    commitImages("C1");
    expect("AA", result("D4", "P3", "C1", "F", "Normal"));
    int before = history("C1").size();

    assertThat(expect("AA", result("D4-resent", "P3", "C1", "F", "Normal")).text())
        .contains("already recorded");
    assertThat(expect("AA", result("D4", "P3", "C1", "F", "Normal")).text())
        .contains("already recorded");
    assertThat(expect("AA", orderStatus("D3-resent", "P3", "C1", "CM")).text())
        .contains("already recorded");
    assertThat(history("C1")).hasSize(before);
    assertThat(store.studies().conflicts(study("C1").id())).isEmpty();
  }

  @Test
  void aDifferentFinalReportUnderTheSameAccessionIsRejectedAndKept() throws Exception {
    expect("AA", order("NW", "E0", "P4", "D1"));
    expect("AA", orderStatus("E01", "P4", "D1", "IP"));
    expect("AA", orderStatus("E02", "P4", "D1", "CM"));
    commitImages("D1");
    expect("AA", result("E1", "P4", "D1", "F", "First"));
    MllpClient.Ack ack = expect("AR", result("E2", "P4", "D1", "F", "Second, different"));
    assertThat(ack.error()).contains("send a correction");
    assertThat(deadLetters()).singleElement().asString().startsWith("REFUSED_BY_RULES E2");
  }

  @Test
  void aResultBeforeTheImagesAreCommittedIsHeldThenApplied() throws Exception {
    expect("AA", order("NW", "F1", "P5", "E1"));
    expect("AA", orderStatus("F2", "P5", "E1", "IP"));
    expect("AA", orderStatus("F3", "P5", "E1", "CM"));
    assertThat(expect("AA", result("F4", "P5", "E1", "F", "Normal")).text()).contains("held");
    assertThat(study("E1").imaging()).isEqualTo(ImagingState.ACQUISITION_COMPLETE);
    commitImages("E1");
    assertThat(study("E1").imaging()).isEqualTo(ImagingState.REPORT_FINALISED);
  }

  @Test
  void aResultOrModalityStatusForAnUnknownAccessionJoinsLate() throws Exception {
    assertThat(expect("AA", result("G1", "P6", "F1", "F", "Downtime report")).text())
        .contains("DOWNTIME_RECOVERY");
    Study joined = study("F1");
    assertThat(joined.entryKind()).isEqualTo(EntryKind.DOWNTIME_RECOVERY);
    assertThat(joined.imaging()).isEqualTo(ImagingState.REPORT_FINALISED);
    Change.Created created = (Change.Created) history("F1").get(0).change();
    assertThat(created.study().businessTime())
        .as("the report's own time (OBR-22), not when radflow heard of it")
        .isEqualTo(
            LocalDateTime.of(2026, 11, 26, 12, 0).atZone(ZoneId.systemDefault()).toInstant());

    expect("AA", orderStatus("G2", "P6", "F2", "CM"));
    assertThat(study("F2").entryKind()).isEqualTo(EntryKind.ENCOUNTER);
    assertThat(study("F2").imaging()).isEqualTo(ImagingState.ACQUISITION_COMPLETE);

    expect("AA", result("G3", "P6", "F3", "C", "Corrected downtime report"));
    assertThat(study("F3").imaging()).isEqualTo(ImagingState.REPORT_AMENDED);
  }

  @Test
  void whatCannotBeProcessedIsRejectedWithAReasonAndKept() throws Exception {
    MllpClient.Ack ack = expect("AR", booking("S12", "H1", "P7", "G1", "AP9", "202611271000"));
    assertThat(ack.error()).contains("no study with accession NORTH/G1", "must arrive first");
    ack = expect("AR", patientUpdate("A03", "H2", "P7"));
    assertThat(ack.error()).contains("ADT^A03 is not mapped");
    ack = expect("AR", order("NW", "H3", "P7", ""));
    assertThat(ack.error()).contains("OBR-18 is empty");
    ack = expect("AR", order("ZZ", "H4", "P7", "G2"));
    assertThat(ack.error()).contains("ORC-1 order control 'ZZ' is not mapped");
    ack = expect("AR", order("NW", "H5", "P7", "G3").replace("^^^NORTH^MR", "^^^^MR"));
    assertThat(ack.error()).contains("PID-3");
    assertThat(deadLetters())
        .extracting(l -> l.split(" ")[0] + " " + l.split(" ")[1])
        .containsExactly(
            "UNKNOWN_STUDY H1",
            "UNSUPPORTED_MESSAGE H2",
            "MISSING_FIELD H3",
            "UNSUPPORTED_VALUE H4",
            "MISSING_FIELD H5");
  }

  @Test
  void malformedFramesAndWrongEncodingCharactersAreRejectedAndKept() throws Exception {
    try (RawMllp raw = new RawMllp(hl7.listener().port())) {
      String ack = raw.send("this is not HL7");
      assertThat(RawMllp.code(ack)).isEqualTo("AR");
      assertThat(ack).contains("MSH");

      ack = raw.send(order("NW", "J1", "P8", "H1").replace("MSH|^~\\&|", "MSH|^~|&|"));
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AR");
      assertThat(ack).contains("four distinct encoding characters");

      ack = raw.send(order("NW", "J2", "P8", "H2").replace("MSH|^~\\&|", "MSH|^^^^|"));
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AR");

      // a frame cut off by the start of the next one: the first is kept, the second processed
      byte[] whole = order("NW", "J4", "P8", "H4").getBytes(UTF_8);
      byte[] cut = order("NW", "J3", "P8", "H3").substring(0, 60).getBytes(UTF_8);
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      both.write(0x0B);
      both.write(cut);
      both.write(RawMllp.framed(whole));
      raw.write(both.toByteArray());
      assertThat(RawMllp.code(raw.readAck())).isEqualTo("AA");
      assertThat(store.studies().findByBusinessKey(new BusinessKey(AUTHORITY, "H4"))).isPresent();
      assertThat(store.studies().findByBusinessKey(new BusinessKey(AUTHORITY, "H3"))).isEmpty();
    }
    try (RawMllp raw = new RawMllp(hl7.listener().port())) {
      // a truncated frame: the sender goes away mid-message
      raw.write(("" + order("NW", "J5", "P8", "H5").substring(0, 80)).getBytes(UTF_8));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().size() == 5);
    assertThat(deadLetters())
        .extracting(l -> l.split(" ")[0])
        .containsExactly(
            "UNPARSEABLE",
            "WRONG_ENCODING_CHARACTERS",
            "WRONG_ENCODING_CHARACTERS",
            "TRUNCATED_FRAME",
            "TRUNCATED_FRAME");
  }

  @Test
  void anOversizedMessageIsRejectedAndKeptAndTheConnectionGoesOn() throws Exception {
    String big = result("K1", "P9", "J1", "F", "x".repeat(70 * 1024));
    try (RawMllp raw = new RawMllp(hl7.listener().port())) {
      String ack = raw.send(big);
      assertThat(RawMllp.code(ack)).isEqualTo("AR");
      assertThat(ack).contains("K1", "over the limit");
      assertThat(RawMllp.code(raw.send(order("NW", "K2", "P9", "J2")))).isEqualTo("AA");
    }
    assertThat(deadLetters()).singleElement().asString().startsWith("OVERSIZED K1");
    assertThat(letters())
        .singleElement()
        .satisfies(l -> assertThat(l.raw().size()).isEqualTo(big.length()));
  }

  @Test
  void aMessageForAMergedPatientReachesTheSurvivor() throws Exception {
    expect("AA", order("NW", "L1", "OLD1", "K1"));
    assertThat(expect("AA", merge("L2", "NEW1", "OLD1")).text()).contains("1 studies moved");
    assertThat(study("K1").patient()).isEqualTo(new PatientRef(AUTHORITY, "NEW1"));

    expect("AA", order("NW", "L3", "OLD1", "K2"));
    assertThat(study("K2").patient()).isEqualTo(new PatientRef(AUTHORITY, "NEW1"));
    assertThat(expect("AA", order("NW", "L1-resent", "OLD1", "K1")).text())
        .contains("already open");
    assertThat(expect("AA", merge("L2-resent", "NEW1", "OLD1")).text()).contains("0 studies moved");
    expect("AA", result("L4", "OLD1", "K3", "F", "Downtime report for the old identity"));
    assertThat(study("K3").patient()).isEqualTo(new PatientRef(AUTHORITY, "NEW1"));
  }

  @Test
  void aPatientUpdateAsksAFailedIdentityCheckAgain() throws Exception {
    expect("AA", order("NW", "N1", "P10", "L1"));
    ClaimedStep identity = IdentityRejection.rejectIdentityCheck(store.steps());
    assertThat(study("L1").clinical()).isEqualTo(ClinicalState.IDENTITY_EXCEPTION);

    assertThat(expect("AA", patientUpdate("A08", "N2", "P10")).text())
        .contains("identity checks asked again for 1 studies");
    assertThat(store.steps().step(identity.id()).orElseThrow().status())
        .isEqualTo(StepStatus.PENDING);
    assertThat(expect("AA", patientUpdate("A04", "N3", "P11")).text())
        .contains("no identity check of theirs was waiting");
  }

  @Test
  void aDifferentFinalReportForAStudyThatJoinedWithItsFirstIsRejected() throws Exception {
    expect("AA", result("R1", "P12", "M1", "F", "First downtime report"));
    assertThat(expect("AA", result("R1-resent", "P12", "M1", "F", "First downtime report")).text())
        .contains("already joined");
    expect("AR", result("R2", "P12", "M1", "F", "A different report"));
    assertThat(deadLetters()).singleElement().asString().startsWith("REFUSED_BY_RULES R2");
  }

  @Test
  void aControlIdReusedForAnotherStudyIsProcessedNotTakenForADuplicate() throws Exception {
    expect("AA", order("NW", "SAME-ID", "P13", "N1"));
    expect("AA", order("NW", "SAME-ID", "P13", "N2"));
    assertThat(study("N2").businessKey().accessionNumber()).isEqualTo("N2");
  }

  @Test
  void overlongValuesAreAnsweredNotDropped() throws Exception {
    expect("AA", order("NW", "V1", "P14", "O1"));
    validateIdentity("O1");
    String appointment = "A".repeat(182);
    expect("AA", booking("S12", "V2", "P14", "O1", appointment, "202611271000"));
    assertThat(study("O1").clinical()).isEqualTo(ClinicalState.PROCEDURE_SCHEDULED);
    String longSender =
        order("NW", "V3", "P14", "O2").replace("|RIS|", "|" + "R".repeat(130) + "|");
    expect("AA", longSender);
  }

  @Test
  void segmentsEndingInLineFeedsAndALateEndOfFrameAreStillOneMessage() throws Exception {
    try (RawMllp raw = new RawMllp(hl7.listener().port())) {
      String ack = raw.send(order("NW", "W1", "P15", "Q1").replace('\r', '\n'));
      assertThat(RawMllp.code(ack)).as(ack).isEqualTo("AA");
      assertThat(ack).contains("|P|2.5.1\r");

      byte[] framed = RawMllp.framed(order("NW", "W2", "P15", "Q2").getBytes(UTF_8));
      raw.write(java.util.Arrays.copyOf(framed, framed.length - 1)); // all but the final CR
      Thread.sleep(700);
      raw.write(new byte[] {0x0D});
      assertThat(RawMllp.code(raw.readAck())).isEqualTo("AA");
    }
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void anOrderChangedBackToEarlierDetailsIsANewChange() throws Exception {
    expect("AA", order("NW", "X1", "P16", "S1"));
    String toB = order("XO", "X2", "P16", "S1").replace("CTHEAD^CT Head", "CTHEADC^CT Head+C");
    String backToA = order("XO", "X3", "P16", "S1").replace("20261126095500", "20261126101500");
    expect("AA", toB);
    assertThat(expect("AA", backToA).text()).contains("ORDER_CHANGED applied");
    String toBAgain = toB.replace("|X2|", "|X4|").replace("20261126095500", "20261126103000");
    assertThat(expect("AA", toBAgain).text()).contains("ORDER_CHANGED applied");
    assertThat(expect("AA", toBAgain.replace("|X4|", "|X4-resent|")).text())
        .contains("already recorded");
  }

  // ---- order numbers are not accessions: the standard reading -------------------------------

  @Test
  void aChargeNamingItsOrderByTheFillerOrderNumberInFt1_23SeedsThatStudysCharge() throws Exception {
    listen(Set.of());
    expect("AA", order("NW", "O1", "P1", "A1")); // ORC-3 FLA1^RIS
    expect("AA", order("NW", "O2", "P2", "A2"));

    expect("AA", chargeNaming("D1", "P1", "FLA1^RIS", "T1"));

    assertThat(study("A1").administrative()).isEqualTo(AdministrativeState.CHARGE_SEEDED);
    assertThat(study("A2").administrative()).isEqualTo(AdministrativeState.NOT_STARTED);
  }

  @Test
  void aBookingNamingItsOrderBySch26And27OnlyBooksThatStudy() throws Exception {
    listen(Set.of());
    expect("AA", order("NW", "O1", "P1", "A1"));
    expect("AA", order("NW", "O2", "P2", "A2"));
    validateIdentity("A1");
    validateIdentity("A2");

    expect("AA", bookingNaming("S12", "B1", "P1", "PLA1^RIS", "FLA1^RIS", "AP1", "202611271000"));
    // the placer's number alone will do
    expect("AA", bookingNaming("S12", "B2", "P2", "PLA2^RIS", "", "AP2", "202611271000"));

    assertThat(study("A1").clinical()).isEqualTo(ClinicalState.PROCEDURE_SCHEDULED);
    assertThat(study("A2").clinical()).isEqualTo(ClinicalState.PROCEDURE_SCHEDULED);
  }

  @Test
  void withTheStandardReadingAnAccessionInFt1_23IsNoOrderNumberRadflowKnows() throws Exception {
    listen(Set.of());
    expect("AA", order("NW", "O1", "P1", "A1"));

    MllpClient.Ack ack = expect("AR", charge("D1", "P1", "A1", "T1"));

    assertThat(ack.error()).contains("no study with filler order number NORTH/A1");
  }

  @Test
  void aSiteThatDeclaresFt1_23AsItsAccessionFieldHasItsLegacyChargesCorrelatedByAccession()
      throws Exception {
    listen(Set.of("FT1-23"));
    expect("AA", order("NW", "O1", "P1", "A1"));
    expect("AA", order("NW", "O2", "P2", "A2"));

    expect("AA", charge("D1", "P2", "A2", "T1"));

    assertThat(study("A2").administrative()).isEqualTo(AdministrativeState.CHARGE_SEEDED);
    assertThat(study("A1").administrative()).isEqualTo(AdministrativeState.NOT_STARTED);
  }

  @Test
  void aResultWithoutAnAccessionFindsItsStudyByItsOrderNumbers() throws Exception {
    listen(Set.of());
    expect("AA", order("NW", "O1", "P1", "A1"));
    String noAccession = result("R1", "P1", "A1", "P", "Impression: normal").replace("|A1|", "||");

    assertThat(expect("AA", noAccession).text()).contains("REPORT_PRELIMINARY");
  }

  @Test
  void aStudyThatJoinedLateFromItsReportIsFoundByTheOrderNumbersTheReportCarried()
      throws Exception {
    listen(Set.of());
    expect("AA", result("R1", "P1", "A1", "F", "Impression: normal")); // OBR-3 FLA1^RIS

    expect("AA", chargeNaming("D1", "P1", "FLA1^RIS", "T1"));

    assertThat(study("A1").administrative()).isEqualTo(AdministrativeState.CHARGE_SEEDED);
  }
}
