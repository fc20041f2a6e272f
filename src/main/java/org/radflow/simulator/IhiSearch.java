package org.radflow.simulator;

import java.util.ArrayList;
import java.util.List;
import org.radflow.workflow.IhiRules;
import tools.jackson.databind.JsonNode;

/**
 * One search of the simulated HI Service, read from {@code POST /patients/lookup} and checked the
 * way the service checks it: any identifier or demographic key makes family name, date of birth and
 * sex mandatory, and malformed identifiers are refused. One exception, a simulator extension like
 * the search by subject alone: an IHI with no other key, which finds only the subject's own record
 * (radflow's follow-up of a RESOLVED answer for a record it holds no demographics of).
 */
record IhiSearch(
    String authority,
    String patientId,
    String ihi,
    Medicare medicare,
    String dva,
    Demographics demographics) {

  /**
   * The search in {@code body}.
   *
   * @throws IllegalArgumentException naming the missing or malformed key (INVALID_SEARCH)
   */
  static IhiSearch from(JsonNode body) {
    JsonNode subject = body.path("subject");
    if (!subject.isObject()) {
      throw new IllegalArgumentException("subject is missing");
    }
    String authority = required(subject, "authority");
    String patientId = required(subject, "patientId");
    String ihi = Texts.optional(body, "ihi");
    if (ihi != null && !IhiRules.wellFormed(ihi)) {
      throw new IllegalArgumentException(
          "ihi must be 16 digits starting 800360 with a valid check digit");
    }
    Medicare medicare = Medicare.from(body);
    String dva = Texts.optional(body, "dva");
    // The follow-up of a search by subject alone (radflow following a RESOLVED IHI of a record
    // without demographics) gives the survivor's IHI and no demographics: like the search by
    // subject alone, a simulator extension, which finds only the subject's own record.
    boolean byIhiForSubject =
        ihi != null
            && medicare == null
            && dva == null
            && Demographics.KEYS.stream().noneMatch(body::has);
    boolean identified = (ihi != null || medicare != null || dva != null) && !byIhiForSubject;
    return new IhiSearch(
        authority, patientId, ihi, medicare, dva, Demographics.from(body, identified));
  }

  boolean byIdentifier() {
    return ihi != null || medicare != null || dva != null;
  }

  boolean bySubjectOnly() {
    return !byIdentifier() && demographics == null;
  }

  /** Whether {@code patient} holds every identifier this search gives. */
  boolean identifiersHeldBy(RegisteredPatient patient) {
    return (ihi == null || ihi.equals(patient.ihi()))
        && (medicare == null || medicare.equals(patient.medicare()))
        && (dva == null || dva.equalsIgnoreCase(patient.dva()));
  }

  /** Whether the service answers this search with {@code patient}. */
  boolean matches(RegisteredPatient patient) {
    if (bySubjectOnly()) {
      return patient.isFor(authority, patientId);
    }
    if (byIdentifier()) {
      if (demographics == null) {
        return identifiersHeldBy(patient) && patient.isFor(authority, patientId);
      }
      return identifiersHeldBy(patient)
          && (patient.demographics() == null || patient.demographics().matches(demographics));
    }
    return patient.demographics() != null && patient.demographics().matches(demographics);
  }

  /** What was searched by, in words safe to log: never a name or a date of birth. */
  String searchedBy() {
    if (bySubjectOnly()) {
      return "for local record " + authority + "/" + patientId;
    }
    List<String> keys = new ArrayList<>();
    if (ihi != null) {
      keys.add("IHI number");
    }
    if (medicare != null) {
      keys.add("Medicare card number");
    }
    if (dva != null) {
      keys.add("DVA file number");
    }
    keys.add("demographics");
    String last = keys.remove(keys.size() - 1);
    return "by " + (keys.isEmpty() ? last : String.join(", ", keys) + " and " + last);
  }

  private static String required(JsonNode subject, String key) {
    String text = Texts.optional(subject, key);
    if (text == null) {
      throw new IllegalArgumentException("subject." + key + " is missing");
    }
    return text;
  }
}
