package org.radflow.hl7;

import static org.radflow.hl7.Segments.text;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.model.v251.segment.FT1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.radflow.study.BusinessKey;
import org.radflow.study.TransitionType;

/**
 * DFT^P03: each charge (FT1-6 CG) seeds the charge of the study whose accession is in the order's
 * OBR-18, else in FT1-23 (filler order number).
 */
final class ChargeMapping {

  private ChargeMapping() {}

  static List<Hl7Command> map(DFT_P03 message, Hl7Context context)
      throws HL7Exception, Unprocessable {
    String orderAccession = null;
    if (message.getCOMMON_ORDERReps() > 0) {
      orderAccession =
          text(message.getCOMMON_ORDER(0).getORDER().getOBR().getPlacerField1().getValue());
    }
    List<Hl7Command> commands = new ArrayList<>();
    for (int i = 0; i < message.getFINANCIALReps(); i++) {
      FT1 ft1 = message.getFINANCIAL(i).getFT1();
      BusinessKey key =
          orderAccession != null
              ? Segments.accession(
                  orderAccession, null, "OBR-18", context.settings(), context.header())
              : Segments.accession(
                  ft1.getFillerOrderNumber(),
                  "OBR-18 or FT1-23",
                  context.settings(),
                  context.header());
      String type = text(ft1.getTransactionType().getValue());
      if (!"CG".equals(type)) {
        throw new Unprocessable(
            Hl7Rejection.UNSUPPORTED_VALUE,
            "FT1-6 transaction type '"
                + type
                + "' is not mapped; radflow takes charges (CG); credits and payments belong to"
                + " the billing system");
      }
      String code = text(ft1.getTransactionCode().getIdentifier().getValue());
      String transaction = text(ft1.getTransactionID().getValue());
      Map<String, String> data = new LinkedHashMap<>();
      Segments.put(data, "chargeCode", code);
      Segments.put(data, "transactionId", transaction);
      Segments.put(data, "quantity", ft1.getTransactionQuantity().getValue());
      commands.add(
          new Hl7Command.Arrive(
              key,
              context.transition(
                  TransitionType.CHARGE_SEEDED,
                  Digest.key("charge", key, transaction != null ? transaction : Digest.of(data)),
                  Segments.time(ft1.getTransactionDate().getRangeStartDateTime(), "FT1-4"),
                  data,
                  List.of()),
              Optional.empty(),
              context.unknownStudy(key, "the order (ORC-1 NW)")));
    }
    if (commands.isEmpty()) {
      throw new Unprocessable(Hl7Rejection.MISSING_FIELD, "the message carries no FT1 segment");
    }
    return commands;
  }
}
