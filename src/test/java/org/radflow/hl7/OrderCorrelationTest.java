package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.hl7.Hl7Messages.AUTHORITY;
import static org.radflow.hl7.Hl7Messages.message;
import static org.radflow.hl7.Hl7Messages.msh;
import static org.radflow.hl7.Hl7Messages.order;
import static org.radflow.hl7.Hl7Messages.pid;
import static org.radflow.hl7.Hl7Messages.segment;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.orchestration.PatientUpdates;
import org.radflow.study.AdministrativeState;
import org.radflow.study.BusinessKey;
import org.radflow.study.ClinicalState;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.TransitionType;

/**
 * Order numbers are not accessions: over a real MLLP socket, a charge (FT1-23) and a booking
 * (SCH-26/27) that name their order the standard way find the study that order opened, and a site
 * setting lets a legacy sender put the accession in FT1-23 instead.
 */
class OrderCorrelationTest {

  @TempDir Path home;
  Stores store;
  Hl7Service hl7;
  MllpClient client;

  void start(Set<String> accessionFields) throws Exception {
    store = Stores.open(Databases.sqliteUrl(home), null, null, 2, StoreSettings.defaults());
    Hl7Settings settings =
        new Hl7Settings(
            InetAddress.getLoopbackAddress(),
            0,
            8,
            64 * 1024,
            Duration.ofSeconds(2),
            StandardCharsets.UTF_8,
            null,
            accessionFields);
    hl7 =
        new Hl7Service(
            settings,
            new StudyLifecycle(store.studies(), Clock.systemUTC()),
            store.studies(),
            new PatientUpdates(store.studies(), store.steps(), store.recovery(), Clock.systemUTC()),
            new FileSystemBlobStore(home.resolve("blobs")),
            new Hl7DeadLetterChannel(store.deadLetters(), Clock.systemUTC()),
            new SimpleMeterRegistry(),
            Clock.systemUTC());
    hl7.listener().start();
    client = new MllpClient(hl7.listener().port());
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
      hl7.close();
      store.close();
    }
  }

  Study study(String accession) {
    return store.studies().findByBusinessKey(new BusinessKey(AUTHORITY, accession)).orElseThrow();
  }

  MllpClient.Ack expect(String code, String message) throws Exception {
    MllpClient.Ack ack = client.send(message);
    assertThat(ack.code()).as(ack.raw()).isEqualTo(code);
    return ack;
  }

  /** A charge whose FT1-23 carries {@code ft1_23} and that has no order segments. */
  static String charge(String controlId, String mrn, String ft1_23, String transaction) {
    return message(
        msh("DFT^P03", controlId),
        "EVN|P03|20261126130000",
        pid(mrn),
        segment(
            "FT1",
            23,
            1,
            "1",
            2,
            transaction,
            4,
            "20261126130000",
            6,
            "CG",
            7,
            "71250^CT HEAD",
            10,
            "1",
            23,
            ft1_23));
  }

  /** A booking that names its order by SCH-26 and SCH-27 only, as the standard has it. */
  static String booking(String controlId, String mrn, String placer, String filler) {
    return message(
        msh("SIU^S12", controlId),
        segment(
            "SCH",
            27,
            1,
            "PA" + controlId,
            2,
            "AP" + controlId,
            11,
            "^^^202611271000",
            26,
            placer,
            27,
            filler),
        pid(mrn));
  }

  void validateIdentity(String accession) {
    new StudyLifecycle(store.studies(), Clock.systemUTC())
        .apply(
            study(accession).id(),
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
  void aChargeNamingItsOrderByTheFillerOrderNumberInFt1_23SeedsThatStudysCharge() throws Exception {
    start(Set.of());
    expect("AA", order("NW", "O1", "P1", "A1")); // ORC-3 FLA1^RIS
    expect("AA", order("NW", "O2", "P2", "A2"));

    expect("AA", charge("D1", "P1", "FLA1^RIS", "T1"));

    assertThat(study("A1").administrative()).isEqualTo(AdministrativeState.CHARGE_SEEDED);
    assertThat(study("A2").administrative()).isEqualTo(AdministrativeState.NOT_STARTED);
  }

  @Test
  void aBookingNamingItsOrderBySch26And27OnlyBooksThatStudy() throws Exception {
    start(Set.of());
    expect("AA", order("NW", "O1", "P1", "A1"));
    expect("AA", order("NW", "O2", "P2", "A2"));
    validateIdentity("A1");
    validateIdentity("A2");

    expect("AA", booking("B1", "P1", "PLA1^RIS", "FLA1^RIS"));
    expect("AA", booking("B2", "P2", "PLA2^RIS", "")); // the placer's number alone will do

    assertThat(study("A1").clinical()).isEqualTo(ClinicalState.PROCEDURE_SCHEDULED);
    assertThat(study("A2").clinical()).isEqualTo(ClinicalState.PROCEDURE_SCHEDULED);
  }

  @Test
  void aSiteThatDeclaresFt1_23AsItsAccessionFieldHasItsLegacyChargesCorrelatedByAccession()
      throws Exception {
    start(Set.of("FT1-23"));
    expect("AA", order("NW", "O1", "P1", "A1"));
    expect("AA", order("NW", "O2", "P2", "A2"));

    expect("AA", charge("D1", "P2", "A2^" + AUTHORITY, "T1"));

    assertThat(study("A2").administrative()).isEqualTo(AdministrativeState.CHARGE_SEEDED);
    assertThat(study("A1").administrative()).isEqualTo(AdministrativeState.NOT_STARTED);
  }

  @Test
  void withTheStandardReadingAnAccessionInFt1_23IsNoOrderNumberRadflowKnows() throws Exception {
    start(Set.of());
    expect("AA", order("NW", "O1", "P1", "A1"));

    MllpClient.Ack ack = expect("AR", charge("D1", "P1", "A1^" + AUTHORITY, "T1"));

    assertThat(ack.error()).contains("no study with filler order number NORTH/A1");
  }

  @Test
  void aResultWithoutAnAccessionFindsItsStudyByItsOrderNumbers() throws Exception {
    start(Set.of());
    expect("AA", order("NW", "O1", "P1", "A1"));
    String noAccession =
        Hl7Messages.result("R1", "P1", "A1", "P", "Impression: normal").replace("|A1|", "||");

    MllpClient.Ack ack = expect("AA", noAccession);

    assertThat(ack.text()).contains("REPORT_PRELIMINARY");
  }
}
