package org.radflow.hl7;

import java.util.Arrays;

/**
 * Real HL7 v2 messages, written the way radiology systems send them. Each builder takes the fields
 * that matter to radflow; the rest are left empty as senders leave them.
 */
public final class Hl7Messages {

  public static final String AUTHORITY = "NORTH";

  private Hl7Messages() {}

  public static String msh(String type, String controlId) {
    return "MSH|^~\\&|RIS|"
        + AUTHORITY
        + "|RADFLOW|"
        + AUTHORITY
        + "|20261126100000||"
        + type
        + "|"
        + controlId
        + "|P|2.5.1";
  }

  public static String pid(String mrn) {
    return "PID|1||" + mrn + "^^^" + AUTHORITY + "^MR||DOE^JANE||19800101|F";
  }

  /** A segment with its fields at their HL7 positions (index 1 = field 1). */
  public static String segment(String name, int fields, Object... positionAndValue) {
    String[] values = new String[fields + 1];
    Arrays.fill(values, "");
    values[0] = name;
    for (int i = 0; i < positionAndValue.length; i += 2) {
      values[(Integer) positionAndValue[i]] = String.valueOf(positionAndValue[i + 1]);
    }
    return String.join("|", values);
  }

  public static String orc(String control, String accession, String status, String when) {
    return segment(
        "ORC",
        9,
        1,
        control,
        2,
        "PL" + accession + "^RIS",
        3,
        "FL" + accession + "^RIS",
        5,
        status == null ? "" : status,
        9,
        when == null ? "" : when);
  }

  public static String obr(String accession, String resultStatus, String reported) {
    return segment(
        "OBR",
        25,
        1,
        "1",
        2,
        "PL" + accession + "^RIS",
        3,
        "FL" + accession + "^RIS",
        4,
        "CTHEAD^CT Head^L",
        18,
        accession,
        22,
        reported == null ? "" : reported,
        24,
        "CT",
        25,
        resultStatus == null ? "" : resultStatus);
  }

  public static String message(String... segments) {
    return String.join("\r", segments) + "\r";
  }

  public static String order(String control, String controlId, String mrn, String accession) {
    return message(
        msh("ORM^O01", controlId),
        pid(mrn),
        orc(control, accession, null, "20261126095500"),
        obr(accession, null, null));
  }

  public static String orderStatus(String controlId, String mrn, String accession, String status) {
    return message(
        msh("ORM^O01", controlId),
        pid(mrn),
        orc("SC", accession, status, "20261126101500"),
        obr(accession, null, null));
  }

  public static String omi(String controlId, String mrn, String accession, String studyUid) {
    return message(
        msh("OMI^O23", controlId),
        pid(mrn),
        orc("NW", accession, null, "20261126095500"),
        obr(accession, null, null),
        segment(
            "IPC",
            5,
            1,
            accession + "^" + AUTHORITY,
            2,
            "RP" + accession,
            3,
            studyUid,
            4,
            "SPS" + accession,
            5,
            "CT"));
  }

  public static String result(
      String controlId, String mrn, String accession, String status, String text) {
    return message(
        msh("ORU^R01", controlId),
        pid(mrn),
        orc("RE", accession, "CM", null),
        obr(accession, status, "20261126120000"),
        segment("OBX", 11, 1, "1", 2, "TX", 3, "IMP^Impression", 5, text, 11, status));
  }

  public static String booking(
      String trigger,
      String controlId,
      String mrn,
      String accession,
      String appointment,
      String start) {
    return bookingNaming(
        trigger, controlId, mrn, "", accession + "^" + AUTHORITY, appointment, start);
  }

  /** A booking whose SCH-26 (placer order number) and SCH-27 (filler's) are as given. */
  public static String bookingNaming(
      String trigger,
      String controlId,
      String mrn,
      String sch26,
      String sch27,
      String appointment,
      String start) {
    return message(
        msh("SIU^" + trigger, controlId),
        segment(
            "SCH",
            27,
            1,
            "PA" + appointment,
            2,
            appointment,
            11,
            "^^^" + start,
            26,
            sch26,
            27,
            sch27),
        pid(mrn));
  }

  public static String charge(String controlId, String mrn, String accession, String transaction) {
    return chargeNaming(controlId, mrn, accession + "^" + AUTHORITY, transaction);
  }

  /** A charge without order segments, whose FT1-23 (filler order number) is as given. */
  public static String chargeNaming(
      String controlId, String mrn, String ft1_23, String transaction) {
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

  public static String patientUpdate(String trigger, String controlId, String mrn) {
    return message(
        msh("ADT^" + trigger, controlId),
        "EVN|" + trigger + "|20261126090000",
        pid(mrn),
        "PV1|1|O");
  }

  public static String merge(String controlId, String survivingMrn, String retiredMrn) {
    return message(
        msh("ADT^A40", controlId),
        "EVN|A40|20261126110000",
        pid(survivingMrn),
        "MRG|" + retiredMrn + "^^^" + AUTHORITY + "^MR");
  }
}
