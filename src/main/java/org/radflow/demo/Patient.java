package org.radflow.demo;

import java.time.LocalDate;

/**
 * A patient of the day as the hospital's patient administration system knows them: a medical record
 * number in the site's authority, demographics, and sometimes an IHI on file.
 */
record Patient(String mrn, String family, String given, LocalDate born, String sex, String ihi) {

  /** PID-3, PID-5, PID-7 and PID-8 as a PAS sends them; the IHI, when known, as a second id. */
  String pid(String authority) {
    String ids = mrn + "^^^" + authority + "^MR" + (ihi == null ? "" : "~" + ihi + "^^^AUSHIC^NI");
    return "PID|1||"
        + ids
        + "||"
        + family
        + "^"
        + given
        + "||"
        + born.toString().replace("-", "")
        + "|"
        + sex;
  }
}
