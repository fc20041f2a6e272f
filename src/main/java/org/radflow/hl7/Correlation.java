package org.radflow.hl7;

import org.radflow.study.BusinessKey;
import org.radflow.study.OrderNumber;

/**
 * How a message names its study: by accession, or by the order's placer or filler number when it
 * carries no accession (a charge by FT1-23, a booking by SCH-26/27). The accession is preferred,
 * then the filler's number (the department's own), then the placer's.
 *
 * @param accession null when the message carries none
 * @param placer null when the message carries none
 * @param filler null when the message carries none
 */
record Correlation(BusinessKey accession, OrderNumber placer, OrderNumber filler) {

  Correlation {
    if (accession == null && placer == null && filler == null) {
      throw new IllegalArgumentException("a correlation names an accession or an order number");
    }
  }

  static Correlation of(BusinessKey accession) {
    return new Correlation(accession, null, null);
  }

  /** What the message named, as an operator searches for it: the accession, or the number. */
  @Override
  public String toString() {
    if (accession != null) {
      return accession.toString();
    }
    return filler != null ? filler.toString() : placer.toString();
  }

  /** In words: "accession NORTH/A1", "filler order number RIS/FL1". */
  String describe() {
    if (accession != null) {
      return "accession " + accession;
    }
    return filler != null
        ? OrderNumber.Role.FILLER.label() + " " + filler
        : OrderNumber.Role.PLACER.label() + " " + placer;
  }
}
