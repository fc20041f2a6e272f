package org.radflow.hl7;

import static org.radflow.hl7.Segments.text;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A39;
import ca.uhn.hl7v2.model.v251.segment.MRG;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.radflow.national.IdentitySearch;
import org.radflow.study.PatientRef;

/**
 * ADT: radflow keeps no demographics. A registration or update (A04, A08) lets a failed identity
 * check for that patient be asked again; a merge (A40) moves the retired identity's studies to the
 * survivor in PID-3.
 */
final class PatientMapping {

  private PatientMapping() {}

  static List<Hl7Command> update(ADT_A01 message, String trigger, Hl7Context context)
      throws Unprocessable {
    PatientRef patient = Segments.patient(message.getPID());
    Optional<IdentitySearch> search = PatientSearchKeys.read(message.getPID(), patient);
    return List.of(
        new Hl7Command.PatientUpdated(
            patient,
            Digest.of(details(message)),
            context.actor(),
            "patient details "
                + ("A04".equals(trigger) ? "registered" : "updated")
                + " by ADT^"
                + trigger
                + " "
                + context.header().controlId(),
            search.map(IdentitySearch::ihi),
            PatientSearchKeys.retain(
                message.getPID(), patient, "patient/" + patient, context.blobs())));
  }

  /**
   * The patient's details as sent: PID and PD1, re-encoded, so that MSH (its time and control ID),
   * EVN and the visit do not make the same details look new.
   */
  private static String details(ADT_A01 message) throws Unprocessable {
    try {
      return message.getPID().encode() + '\r' + message.getPD1().encode();
    } catch (HL7Exception e) {
      throw new Unprocessable(Hl7Rejection.UNPARSEABLE, "PID cannot be read: " + e.getMessage());
    }
  }

  static List<Hl7Command> merge(ADT_A39 message, Hl7Context context)
      throws HL7Exception, Unprocessable {
    Instant when =
        Segments.firstTime(
            Segments.time(message.getEVN().getEventOccurred(), "EVN-6"),
            Segments.time(message.getEVN().getRecordedDateTime(), "EVN-2"));
    List<Hl7Command> commands = new ArrayList<>();
    for (int i = 0; i < message.getPATIENTReps(); i++) {
      var group = message.getPATIENT(i);
      PatientRef surviving = Segments.patient(group.getPID());
      commands.add(
          new Hl7Command.Merge(
              retired(group.getMRG(), surviving),
              surviving,
              when,
              context.source().system(),
              context.actor()));
    }
    return commands;
  }

  /** MRG-1; an identifier sent without its authority is taken in the survivor's authority. */
  private static PatientRef retired(MRG mrg, PatientRef surviving) throws Unprocessable {
    for (CX cx : mrg.getPriorPatientIdentifierList()) {
      String id = text(cx.getIDNumber().getValue());
      if (id == null) {
        continue;
      }
      String authority = text(cx.getAssigningAuthority().getNamespaceID().getValue());
      return authority == null
          ? new PatientRef(surviving.assigningAuthority(), id)
          : Segments.patientOf(cx);
    }
    throw new Unprocessable(
        Hl7Rejection.MISSING_FIELD, "ADT^A40 needs the retired patient identifier in MRG-1");
  }
}
