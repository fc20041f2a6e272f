package org.radflow.hl7;

import static org.radflow.hl7.Segments.text;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.datatype.EI;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.model.v251.segment.SCH;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.radflow.study.BusinessKey;
import org.radflow.study.TransitionType;

/**
 * SIU^S12–S15: the scheduling system booked (S12), rescheduled (S13), modified (S14) or cancelled
 * (S15) the appointment of the study whose accession is in SCH-27 (filler order number), else
 * SCH-26 (placer order number).
 */
final class ScheduleMapping {

  private ScheduleMapping() {}

  static List<Hl7Command> map(SIU_S12 message, String trigger, Hl7Context context)
      throws HL7Exception, Unprocessable {
    SCH sch = message.getSCH();
    BusinessKey key = accession(sch, context);
    String appointment =
        text(sch.getFillerAppointmentID().getEntityIdentifier().getValue()) != null
            ? sch.getFillerAppointmentID().getEntityIdentifier().getValue()
            : text(sch.getPlacerAppointmentID().getEntityIdentifier().getValue());
    if (appointment == null) {
      throw new Unprocessable(
          Hl7Rejection.MISSING_FIELD,
          "SCH-2 (filler appointment id) and SCH-1 (placer appointment id) are both empty");
    }
    Instant start =
        sch.getAppointmentTimingQuantityReps() > 0
            ? Segments.time(sch.getAppointmentTimingQuantity(0).getStartDateTime(), "SCH-11.4")
            : null;
    if (start == null && message.getTQ1().getStartDateTime().getTime().getValue() != null) {
      start = Segments.time(message.getTQ1().getStartDateTime(), "TQ1-7");
    }
    Map<String, String> data = new LinkedHashMap<>();
    Segments.put(data, "appointmentId", appointment);
    if (start != null) {
      data.put("appointmentStart", start.toString());
    }
    String unknown = context.unknownStudy(key, "the order (ORM^O01 or OMI^O23 with ORC-1 NW)");
    return switch (trigger) {
      case "S12", "S13", "S14" ->
          List.of(
              new Hl7Command.Arrive(
                  key,
                  context.transition(
                      TransitionType.PROCEDURE_SCHEDULED,
                      Digest.key("booking", key, appointment, start),
                      null,
                      data,
                      List.of()),
                  Optional.empty(),
                  unknown));
      case "S15" ->
          List.of(
              new Hl7Command.Arrive(
                  key,
                  context.transition(
                      TransitionType.APPOINTMENT_CANCELLED,
                      Digest.key("booking-cancelled", key, appointment),
                      null,
                      data,
                      List.of()),
                  Optional.empty(),
                  unknown));
      default ->
          throw new Unprocessable(
              Hl7Rejection.UNSUPPORTED_MESSAGE,
              "SIU^" + trigger + " is not mapped; radflow maps SIU^S12, S13, S14 and S15");
    };
  }

  private static BusinessKey accession(SCH sch, Hl7Context context) throws Unprocessable {
    if (sch.getFillerOrderNumberReps() > 0
        && text(sch.getFillerOrderNumber(0).getEntityIdentifier().getValue()) != null) {
      return Segments.accession(
          sch.getFillerOrderNumber(0), "SCH-27", context.settings(), context.header());
    }
    EI placer = sch.getPlacerOrderNumberReps() > 0 ? sch.getPlacerOrderNumber(0) : null;
    if (placer == null) {
      return Segments.accession(
          null, null, "SCH-27 (and SCH-26)", context.settings(), context.header());
    }
    return Segments.accession(placer, "SCH-26", context.settings(), context.header());
  }
}
