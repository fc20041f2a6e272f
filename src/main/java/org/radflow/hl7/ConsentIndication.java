package org.radflow.hl7;

import static org.radflow.hl7.Segments.text;

import ca.uhn.hl7v2.model.v251.segment.OBX;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A requester's indication that the patient withdrew consent to upload the report to My Health
 * Record, carried with the order as HL7 Australia's "Indication of Consent" describes (draft
 * Appendix 11 to AS 4700.2: an ORM^O01 from the requester, ORC-1 NW with the order or SC after the
 * result; the decision itself is an observation on the order).
 *
 * <p>The guidance leaves the observation's code to requester and provider. radflow reads an OBX of
 * the order whose OBX-3 identifier is {@code MHRCONSENT} or {@code PCEHRCONSENT} (the older name of
 * My Health Record): OBX-5 {@code N} (HL7 table 0136: no consent), {@code WITHDRAWN} or {@code X}
 * (HL7 table 0498: rescinded) withholds the report; {@code Y} or {@code A} leaves it to be sent.
 */
final class ConsentIndication {

  static final Set<String> CODES = Set.of("MHRCONSENT", "PCEHRCONSENT");
  private static final Set<String> WITHDRAWN = Set.of("N", "NO", "WITHDRAWN", "X", "R");

  private ConsentIndication() {}

  /** Why the report is withheld, if one of {@code observations} says consent was withdrawn. */
  static java.util.Optional<String> withdrawn(List<OBX> observations) {
    for (OBX obx : observations) {
      String code = text(obx.getObservationIdentifier().getIdentifier().getValue());
      if (code == null || !CODES.contains(code.toUpperCase(Locale.ROOT))) {
        continue;
      }
      String value =
          obx.getObservationValueReps() == 0
              ? null
              : text(Segments.encode(obx.getObservationValue(0).getData()));
      String first = value == null ? null : value.split("\\^")[0].toUpperCase(Locale.ROOT);
      if (first != null && WITHDRAWN.contains(first)) {
        return java.util.Optional.of(
            "the patient withdrew consent to upload to My Health Record (OBX "
                + code
                + " = "
                + first
                + " on the order)");
      }
    }
    return java.util.Optional.empty();
  }
}
