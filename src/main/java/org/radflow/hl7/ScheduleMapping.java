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
import org.radflow.study.OrderNumber;
import org.radflow.study.TransitionType;

/**
 * SIU^S12–S15: the scheduling system booked (S12), rescheduled (S13), modified (S14) or cancelled
 * (S15) an appointment (SCH-2, else SCH-1) for the order named by its filler order number (SCH-27),
 * else its placer order number (SCH-26). A site whose scheduler puts the accession in SCH-27 or
 * SCH-26 says so in RADFLOW_MLLP_ACCESSION_FIELDS.
 */
final class ScheduleMapping {

  private ScheduleMapping() {}

  static List<Hl7Command> map(SIU_S12 message, String trigger, Hl7Context context)
      throws HL7Exception, Unprocessable {
    SCH sch = message.getSCH();
    Correlation key = correlation(sch, context);
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

  private static Correlation correlation(SCH sch, Hl7Context context) throws Unprocessable {
    Hl7Settings settings = context.settings();
    EI filler = sch.getFillerOrderNumberReps() > 0 ? sch.getFillerOrderNumber(0) : null;
    EI placer = sch.getPlacerOrderNumberReps() > 0 ? sch.getPlacerOrderNumber(0) : null;
    // a site's declared accession field first, as the old reading took SCH-27 before SCH-26
    for (String field : new String[] {"SCH-27", "SCH-26"}) {
      EI ei = field.equals("SCH-27") ? filler : placer;
      if (settings.accessionIn(field)
          && ei != null
          && text(ei.getEntityIdentifier().getValue()) != null) {
        return Correlation.of(Segments.accession(ei, field, settings, context.header()));
      }
    }
    OrderNumber fillerNumber =
        filler == null || settings.accessionIn("SCH-27")
            ? null
            : Segments.orderNumber(filler, "SCH-27", settings, context.header());
    OrderNumber placerNumber =
        placer == null || settings.accessionIn("SCH-26")
            ? null
            : Segments.orderNumber(placer, "SCH-26", settings, context.header());
    if (fillerNumber == null && placerNumber == null) {
      throw new Unprocessable(
          Hl7Rejection.MISSING_FIELD,
          "the booking names no order: SCH-27 (filler order number) and SCH-26 (placer order"
              + " number) are both empty");
    }
    return new Correlation(null, placerNumber, fillerNumber);
  }
}
