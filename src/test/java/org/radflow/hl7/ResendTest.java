package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.hl7.Hl7Messages.AUTHORITY;
import static org.radflow.hl7.Hl7Messages.bookingNaming;
import static org.radflow.hl7.Hl7Messages.chargeNaming;
import static org.radflow.hl7.Hl7Messages.merge;
import static org.radflow.hl7.Hl7Messages.message;
import static org.radflow.hl7.Hl7Messages.msh;
import static org.radflow.hl7.Hl7Messages.obr;
import static org.radflow.hl7.Hl7Messages.omi;
import static org.radflow.hl7.Hl7Messages.orc;
import static org.radflow.hl7.Hl7Messages.order;
import static org.radflow.hl7.Hl7Messages.orderStatus;
import static org.radflow.hl7.Hl7Messages.patientUpdate;
import static org.radflow.hl7.Hl7Messages.pid;
import static org.radflow.hl7.Hl7Messages.result;
import static org.radflow.hl7.Hl7Messages.segment;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radflow.config.Stores;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.orchestration.ClaimedStep;
import org.radflow.study.BusinessKey;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.TransitionType;
import org.radflow.workflow.StepStatus;

/**
 * Issue 11, item 3: each mapped message type, re-sent byte-identical except MSH-7 (its time) and
 * MSH-10 (its control ID), is answered AA "already …" and adds nothing to the study's history. The
 * listener reads the standard fields: SCH-26/27 and FT1-23 are order numbers, not accessions.
 *
 * <p>ADT A04/A08 are told apart by a digest of the patient's details (PID, PD1): radflow keeps the
 * digest, not the details.
 */
class ResendTest {

  static final String MRN = "P1";
  static final String ACC = "A1";
  static final String PLACER = "PLA1^RIS";
  static final String FILLER = "FLA1^RIS";

  @TempDir Path home;
  TestHl7Service.Running running;
  Stores store;
  Hl7Service hl7;
  MllpClient client;
  int sent;

  @BeforeEach
  void start() throws Exception {
    running = TestHl7Service.onFreshStores(home, TestHl7Service.settings(8, Set.of()));
    store = running.stores();
    hl7 = running.hl7();
    client = new MllpClient(hl7.listener().port());
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    running.close();
  }

  // ---- ADT ----

  @ParameterizedTest(name = "ADT^{0}")
  @ValueSource(strings = {"A04", "A08"})
  void adtPatientUpdateResent(String trigger) throws Exception {
    send(order("NW", id(), MRN, ACC));
    assertResendIsAlready(patientUpdate(trigger, id(), MRN));
  }

  @Test
  void adtA08ResentDoesNotAskAFailedIdentityCheckAgainButChangedDetailsDo() throws Exception {
    send(order("NW", id(), MRN, ACC));
    UUID identity = rejectIdentityCheck().id();
    String update = patientUpdate("A08", id(), MRN);
    assertThat(send(update).text()).contains("identity checks asked again for 1 studies");
    rejectIdentityCheck();

    MllpClient.Ack again = send(withHeader(update, "20261126235959", id()));

    assertThat(again.text()).contains("already noted with these details");
    assertThat(store.steps().step(identity).orElseThrow().status()).isEqualTo(StepStatus.FAILED);
    String corrected = update.replace("DOE^JANE", "DOE^JANET");
    assertThat(send(withHeader(corrected, "20261127000000", id())).text())
        .contains("identity checks asked again for 1 studies");
    assertThat(store.steps().step(identity).orElseThrow().status()).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void adtA40MergeResent() throws Exception {
    send(order("NW", id(), "P2", ACC));
    assertResendIsAlready(merge(id(), MRN, "P2"));
  }

  // ---- ORM and OMI, each order control ----

  @Test
  void ormNewOrderResent() throws Exception {
    assertResendIsAlready(order("NW", id(), MRN, ACC));
  }

  @Test
  void omiNewOrderResent() throws Exception {
    assertResendIsAlready(omi(id(), MRN, ACC, "1.2.3.4"));
  }

  @ParameterizedTest(name = "ORM^O01 ORC-1 {0}")
  @ValueSource(strings = {"CA", "DC", "OC", "OD"})
  void ormCancelResent(String control) throws Exception {
    send(order("NW", id(), MRN, ACC));
    assertResendIsAlready(order(control, id(), MRN, ACC));
  }

  @ParameterizedTest(name = "OMI^O23 ORC-1 {0}")
  @ValueSource(strings = {"CA", "DC", "OC", "OD"})
  void omiCancelResent(String control) throws Exception {
    send(omi(id(), MRN, ACC, "1.2.3.4"));
    assertResendIsAlready(omiOrder(control, null, "20261126101500"));
  }

  @Test
  void ormChangeOrderResent() throws Exception {
    send(order("NW", id(), MRN, ACC));
    assertResendIsAlready(order("XO", id(), MRN, ACC).replace("CTHEAD^CT Head", "CTHEADC^CT+C"));
  }

  @Test
  void omiChangeOrderResent() throws Exception {
    send(omi(id(), MRN, ACC, "1.2.3.4"));
    assertResendIsAlready(
        omiOrder("XO", null, "20261126101500").replace("CTHEAD^CT Head", "CTHEADC^CT+C"));
  }

  @ParameterizedTest(name = "ORM^O01 ORC-1 SC, ORC-5 {0}")
  @ValueSource(strings = {"SC", "IP", "CM", "CA", "DC"})
  void ormStatusChangeResent(String status) throws Exception {
    send(order("NW", id(), MRN, ACC));
    reachStatusPrerequisites(status, false);
    assertResendIsAlready(orderStatus(id(), MRN, ACC, status));
  }

  @ParameterizedTest(name = "OMI^O23 ORC-1 SC, ORC-5 {0}")
  @ValueSource(strings = {"SC", "IP", "CM", "CA", "DC"})
  void omiStatusChangeResent(String status) throws Exception {
    send(omi(id(), MRN, ACC, "1.2.3.4"));
    reachStatusPrerequisites(status, true);
    assertResendIsAlready(omiOrder("SC", status, "20261126101500"));
  }

  /** Identity validated, and for CM the acquisition started: where ORC-5 {@code status} applies. */
  private void reachStatusPrerequisites(String status, boolean omi) throws Exception {
    validateIdentity();
    if (status.equals("CM")) {
      send(omi ? omiOrder("SC", "IP", "20261126101000") : orderStatus(id(), MRN, ACC, "IP"));
    }
  }

  // ---- SIU ----

  @Test
  void siuS12BookingResent() throws Exception {
    send(order("NW", id(), MRN, ACC));
    validateIdentity();
    assertResendIsAlready(booking("S12", "AP1", "202611271000"));
  }

  @ParameterizedTest(name = "SIU^{0}")
  @ValueSource(strings = {"S13", "S14", "S15"})
  void siuChangeOfBookingResent(String trigger) throws Exception {
    send(order("NW", id(), MRN, ACC));
    validateIdentity();
    send(booking("S12", "AP1", "202611271000"));
    assertResendIsAlready(booking(trigger, "AP1", "202611281100"));
  }

  // ---- ORU ----

  @ParameterizedTest(name = "ORU^R01 OBR-25 {0}")
  @ValueSource(strings = {"P", "F", "C"})
  void oruResultResent(String status) throws Exception {
    acquiredAndCommitted();
    if (status.equals("C")) {
      send(result(id(), MRN, ACC, "F", "No acute findings"));
    }
    assertResendIsAlready(result(id(), MRN, ACC, status, "Report " + status));
  }

  // ---- DFT ----

  @Test
  void dftChargeResent() throws Exception {
    acquiredAndCommitted();
    send(result(id(), MRN, ACC, "F", "No acute findings"));
    assertResendIsAlready(chargeNaming(id(), MRN, FILLER, "T1"));
  }

  // ---- helpers ----

  private void acquiredAndCommitted() throws Exception {
    send(order("NW", id(), MRN, ACC));
    validateIdentity();
    send(orderStatus(id(), MRN, ACC, "IP"));
    send(orderStatus(id(), MRN, ACC, "CM"));
    applyDirectly(TransitionType.IMAGES_COMMITTED, "archive");
  }

  /** A booking naming its order the standard way: SCH-26 placer, SCH-27 filler order number. */
  private String booking(String trigger, String appointment, String start) {
    return bookingNaming(trigger, id(), MRN, PLACER, FILLER, appointment, start);
  }

  /** An OMI^O23 for the study with this order control (and ORC-5 status), with its IPC. */
  private String omiOrder(String control, String status, String when) {
    return message(
        msh("OMI^O23", id()),
        pid(MRN),
        orc(control, ACC, status, when),
        obr(ACC, null, null),
        segment(
            "IPC",
            5,
            1,
            ACC + "^" + AUTHORITY,
            2,
            "RP" + ACC,
            3,
            "1.2.3.4",
            4,
            "SPS" + ACC,
            5,
            "CT"));
  }

  private String id() {
    return "M" + (++sent);
  }

  private MllpClient.Ack send(String text) throws Exception {
    MllpClient.Ack ack = client.send(text);
    assertThat(ack.code()).as(ack.raw()).isEqualTo("AA");
    return ack;
  }

  private Study study() {
    return store.studies().findByBusinessKey(new BusinessKey(AUTHORITY, ACC)).orElseThrow();
  }

  private int historySize() {
    return store.studies().history(study().id()).size();
  }

  /**
   * Sends {@code first} (AA), then the same bytes with only MSH-7 and MSH-10 changed: AA, MSA-2 the
   * new control ID, "already" in the text, and no new history entry.
   */
  private void assertResendIsAlready(String first) throws Exception {
    send(first);
    int before = historySize();
    String newId = "R" + (++sent);
    String again = withHeader(first, "20261126235959", newId);
    MllpClient.Ack ack = client.send(again);
    assertThat(ack.code()).as(ack.raw()).isEqualTo("AA");
    assertThat(ack.controlId()).isEqualTo(newId);
    assertThat(ack.text()).as(ack.raw()).contains("already");
    assertThat(historySize()).as("history entries after the re-send").isEqualTo(before);
  }

  /** The message with MSH-7 and MSH-10 replaced, every other byte as it was. */
  static String withHeader(String message, String time, String controlId) {
    int end = message.indexOf('\r');
    String[] msh = message.substring(0, end).split("\\|", -1);
    msh[6] = time; // MSH-7: field n is at index n - 1, MSH-1 being the separator itself
    msh[9] = controlId; // MSH-10
    String changed = String.join("|", msh) + message.substring(end);
    return changed;
  }

  private ClaimedStep rejectIdentityCheck() {
    return IdentityRejection.rejectIdentityCheck(store.steps());
  }

  private void validateIdentity() {
    applyDirectly(TransitionType.IDENTITY_VALIDATED, "identity");
  }

  private void applyDirectly(TransitionType type, String actor) {
    new StudyLifecycle(store.studies(), Clock.systemUTC())
        .apply(
            study().id(),
            new TransitionDraft(
                type, actor + ":" + ACC, null, Source.of(actor), actor, Map.of(), List.of()),
            null);
  }
}
