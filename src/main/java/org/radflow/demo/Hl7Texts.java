package org.radflow.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The HL7 v2.5.1 messages of the day, written as a RIS, a scheduler, a reporting system, a billing
 * feed and a PAS send them: the placer's and filler's order numbers in ORC-2/3 (and OBR-2/3), the
 * accession in OBR-18, bookings that name their order in SCH-26/27, charges that name it in FT1-23.
 */
final class Hl7Texts {

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final String site;

  Hl7Texts(String site) {
    this.site = site;
  }

  String order(String controlId, Instant at, Patient patient, Procedure procedure, String acc) {
    return orderControl("NW", controlId, at, patient, procedure, acc);
  }

  String cancel(String controlId, Instant at, Patient patient, Procedure procedure, String acc) {
    return orderControl("CA", controlId, at, patient, procedure, acc);
  }

  /** An ORM^O01 whose ORC-1 says what to do with the order: NW a new one, CA cancel it. */
  private String orderControl(
      String control,
      String controlId,
      Instant at,
      Patient patient,
      Procedure procedure,
      String acc) {
    return message(
        msh("RIS", "ORM^O01", controlId, at),
        patient.pid(site),
        orc(control, acc, "", at),
        obr(acc, procedure, "", null));
  }

  String booking(String controlId, Instant at, Patient patient, String acc, Instant start) {
    return message(
        msh("SCHED", "SIU^S12", controlId, at),
        "SCH|PA"
            + acc
            + "|AP"
            + acc
            + "|||||||||^^^"
            + TS.format(start)
            + "|||||||||||||||PL"
            + acc
            + "^RIS|FL"
            + acc
            + "^RIS",
        patient.pid(site));
  }

  /** A final ({@code F}) or corrected ({@code C}) report, signed by its radiologist (OBR-32). */
  String result(
      String controlId,
      Instant at,
      Patient patient,
      Procedure procedure,
      String acc,
      String status,
      String text) {
    return message(
        msh("REPORTS", "ORU^R01", controlId, at),
        patient.pid(site),
        orc("RE", acc, "CM", at),
        obr(acc, procedure, status, at) + "|||||||" + radiologist(acc),
        "OBX|1|TX|IMP^Impression||" + text + "||||||" + status);
  }

  /** The billing system's feed: a charge it posted (FT1-2 its id), naming the order in FT1-23. */
  String charge(
      String controlId,
      Instant at,
      Patient patient,
      Procedure procedure,
      String acc,
      String transactionId) {
    return message(
        msh("BILLING", "DFT^P03", controlId, at),
        "EVN|P03|" + TS.format(at),
        patient.pid(site),
        "FT1|1|"
            + transactionId
            + "||"
            + TS.format(at)
            + "||CG|"
            + procedure.item()
            + "^"
            + procedure.name()
            + "|||1|||||||||||||FL"
            + acc
            + "^RIS");
  }

  /** The PAS corrected a patient's details (ADT^A08): a rejected identity check is asked again. */
  String patientUpdate(String controlId, Instant at, Patient patient) {
    return message(
        msh("PAS", "ADT^A08", controlId, at),
        "EVN|A08|" + TS.format(at),
        patient.pid(site),
        "PV1|1|O");
  }

  /** Two records of one patient merged (ADT^A40): {@code retired} into {@code surviving}. */
  String merge(String controlId, Instant at, Patient surviving, Patient retired) {
    return message(
        msh("PAS", "ADT^A40", controlId, at),
        "EVN|A40|" + TS.format(at),
        surviving.pid(site),
        "MRG|" + retired.mrn() + "^^^" + site + "^MR");
  }

  /**
   * OBR-32, the principal result interpreter who signed the report: its ID, family and given name
   * as CNN subcomponents. The national record's document names them.
   */
  private static String radiologist(String acc) {
    String[] radiologists = {"RAD1001&CHEN&AMY", "RAD1002&OKAFOR&DANIEL", "RAD1003&MURPHY&SIOBHAN"};
    return radiologists[Math.floorMod(acc.hashCode(), radiologists.length)];
  }

  private String msh(String application, String type, String controlId, Instant at) {
    return "MSH|^~\\&|"
        + application
        + "|"
        + site
        + "|RADFLOW|"
        + site
        + "|"
        + TS.format(at)
        + "||"
        + type
        + "|"
        + controlId
        + "|P|2.5.1";
  }

  private static String orc(String control, String acc, String status, Instant at) {
    return "ORC|"
        + control
        + "|PL"
        + acc
        + "^RIS|FL"
        + acc
        + "^RIS||"
        + status
        + "||||"
        + TS.format(at);
  }

  private static String obr(String acc, Procedure procedure, String status, Instant reported) {
    return "OBR|1|PL"
        + acc
        + "^RIS|FL"
        + acc
        + "^RIS|"
        + procedure.code()
        + "^"
        + procedure.name()
        + "^L||||||||||||||"
        + acc
        + "||||"
        + (reported == null ? "" : TS.format(reported))
        + "||"
        + procedure.modality()
        + "|"
        + status;
  }

  private static String message(String... segments) {
    return String.join("\r", segments) + "\r";
  }
}
