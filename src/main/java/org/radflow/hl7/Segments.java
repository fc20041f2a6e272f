package org.radflow.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.datatype.EI;
import ca.uhn.hl7v2.model.v251.datatype.TS;
import ca.uhn.hl7v2.model.v251.segment.PID;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.radflow.study.BusinessKey;
import org.radflow.study.OrderNumber;
import org.radflow.study.PatientRef;

/** Reading the fields radflow needs out of HAPI's segments, with a reason when one is missing. */
final class Segments {

  private Segments() {}

  /**
   * The patient in PID-3: the medical record number (identifier type MR) if present, else the first
   * identifier that names its assigning authority.
   */
  static PatientRef patient(PID pid) throws Unprocessable {
    CX chosen = null;
    for (CX cx : pid.getPatientIdentifierList()) {
      if (text(cx.getIDNumber().getValue()) == null
          || text(cx.getAssigningAuthority().getNamespaceID().getValue()) == null) {
        continue;
      }
      if (chosen == null || "MR".equals(cx.getIdentifierTypeCode().getValue())) {
        chosen = cx;
      }
    }
    if (chosen == null) {
      throw new Unprocessable(
          Hl7Rejection.MISSING_FIELD,
          "PID-3 names no patient identifier with its assigning authority (CX-1 and CX-4);"
              + " send the medical record number as id^^^AUTHORITY^MR");
    }
    return patientOf(chosen);
  }

  static PatientRef patientOf(CX cx) throws Unprocessable {
    try {
      return new PatientRef(
          cx.getAssigningAuthority().getNamespaceID().getValue(), cx.getIDNumber().getValue());
    } catch (IllegalArgumentException e) {
      throw new Unprocessable(Hl7Rejection.MISSING_FIELD, "patient identifier: " + e.getMessage());
    }
  }

  /**
   * The study's business key: the accession, within the authority its field names, else the
   * configured authority, else the sending facility.
   */
  static BusinessKey accession(
      String accession, String namespace, String field, Hl7Settings settings, MessageHeader header)
      throws Unprocessable {
    if (text(accession) == null) {
      throw new Unprocessable(
          Hl7Rejection.MISSING_FIELD,
          "no accession number: " + field + " is empty; send the study's accession number there");
    }
    String authority = authority(namespace, settings, header);
    if (authority == null) {
      throw new Unprocessable(
          Hl7Rejection.MISSING_FIELD,
          "accession "
              + accession
              + " has no assigning authority: send it with the accession, fill MSH-4 or set"
              + " RADFLOW_MLLP_ACCESSION_AUTHORITY");
    }
    try {
      return new BusinessKey(authority, accession.trim());
    } catch (IllegalArgumentException e) {
      throw new Unprocessable(Hl7Rejection.MISSING_FIELD, "accession: " + e.getMessage());
    }
  }

  static BusinessKey accession(EI ei, String field, Hl7Settings settings, MessageHeader header)
      throws Unprocessable {
    return accession(
        ei.getEntityIdentifier().getValue(),
        ei.getNamespaceID().getValue(),
        field,
        settings,
        header);
  }

  /**
   * The identifier's authority: the field's own namespace, else the configured authority, else the
   * sending facility; null when none is known.
   */
  private static String authority(String namespace, Hl7Settings settings, MessageHeader header) {
    String authority = text(namespace);
    if (authority == null) {
      authority = text(settings.accessionAuthority());
    }
    if (authority == null) {
      authority = text(header.sendingFacility());
    }
    return authority;
  }

  /**
   * The order number in an EI field, within its namespace, else the authority accessions take; null
   * when the field is empty.
   */
  static OrderNumber orderNumber(EI ei, String field, Hl7Settings settings, MessageHeader header)
      throws Unprocessable {
    String number = text(ei.getEntityIdentifier().getValue());
    if (number == null) {
      return null;
    }
    String authority = authority(ei.getNamespaceID().getValue(), settings, header);
    if (authority == null) {
      throw new Unprocessable(
          Hl7Rejection.MISSING_FIELD,
          field
              + " order number "
              + number
              + " has no assigning authority: send its namespace (EI-2), fill MSH-4 or set"
              + " RADFLOW_MLLP_ACCESSION_AUTHORITY");
    }
    try {
      return new OrderNumber(authority, number);
    } catch (IllegalArgumentException e) {
      throw new Unprocessable(Hl7Rejection.MISSING_FIELD, field + ": " + e.getMessage());
    }
  }

  /** The first of several order numbers that is present. */
  static OrderNumber firstNumber(OrderNumber... numbers) {
    for (OrderNumber n : numbers) {
      if (n != null) {
        return n;
      }
    }
    return null;
  }

  /** A time the sender stated, or null when it did not; a malformed one is refused. */
  static Instant time(TS ts, String field) throws Unprocessable {
    try {
      if (text(ts.getTime().getValue()) == null) {
        return null;
      }
      Date date = ts.getTime().getValueAsDate();
      return date == null ? null : date.toInstant();
    } catch (DataTypeException e) {
      throw new Unprocessable(
          Hl7Rejection.MISSING_FIELD,
          field + " is not an HL7 time (YYYYMMDDHHMM[SS][+ZZZZ]): " + ts.getTime().getValue());
    }
  }

  /** The first present of several stated times. */
  static Instant firstTime(Instant... times) {
    for (Instant t : times) {
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  static String text(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  static String encode(ca.uhn.hl7v2.model.Type type) {
    try {
      return text(type.encode());
    } catch (HL7Exception e) {
      return null;
    }
  }

  /** Keeps a field's value under {@code key}, cut to 256 characters; an empty field is left out. */
  static void put(Map<String, String> map, String key, String value) {
    String v = text(value);
    if (v != null) {
      map.put(key, v.length() > 256 ? v.substring(0, 256) : v);
    }
  }
}
