package org.radflow.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A39;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.model.v251.message.OMI_O23;
import ca.uhn.hl7v2.model.v251.message.ORM_O01;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import java.util.List;

/** Which mapping a message's type and trigger (MSH-9) take. */
final class Hl7Mapper {

  static final String MAPPED =
      "ADT^A04/A08/A40, ORM^O01, OMI^O23, SIU^S12-S15, ORU^R01 and DFT^P03";

  private Hl7Mapper() {}

  static List<Hl7Command> map(Message message, Hl7Context context)
      throws HL7Exception, Unprocessable {
    String event = context.header().triggerEvent();
    String name = context.header().messageCode() + "^" + event;
    switch (name) {
      case "ADT^A04", "ADT^A08" -> {
        return PatientMapping.update(as(message, ADT_A01.class, name), event, context);
      }
      case "ADT^A40" -> {
        return PatientMapping.merge(as(message, ADT_A39.class, name), context);
      }
      case "ORM^O01" -> {
        return OrderMapping.map(as(message, ORM_O01.class, name), context);
      }
      case "OMI^O23" -> {
        return OrderMapping.map(as(message, OMI_O23.class, name), context);
      }
      case "SIU^S12", "SIU^S13", "SIU^S14", "SIU^S15" -> {
        return ScheduleMapping.map(as(message, SIU_S12.class, name), event, context);
      }
      case "ORU^R01" -> {
        return ResultMapping.map(as(message, ORU_R01.class, name), context);
      }
      case "DFT^P03" -> {
        return ChargeMapping.map(as(message, DFT_P03.class, name), context);
      }
      default ->
          throw new Unprocessable(
              Hl7Rejection.UNSUPPORTED_MESSAGE,
              "message type "
                  + (name.equals("^") ? "(MSH-9 empty)" : name)
                  + " is not mapped; radflow maps "
                  + MAPPED);
    }
  }

  private static <T extends Message> T as(Message message, Class<T> type, String name)
      throws Unprocessable {
    if (!type.isInstance(message)) {
      throw new Unprocessable(
          Hl7Rejection.UNPARSEABLE,
          name
              + " could not be read as "
              + type.getSimpleName()
              + " (MSH-9.3 names another"
              + " structure?)");
    }
    return type.cast(message);
  }
}
