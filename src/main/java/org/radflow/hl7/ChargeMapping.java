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
import org.radflow.study.OrderNumber;
import org.radflow.study.TransitionType;

/**
 * DFT^P03: each charge (FT1-6 CG) seeds the charge of the study whose accession is in the order's
 * OBR-18, else of the study whose filler order number is in FT1-23 — or whose accession is, where
 * the site declares that its billing feed puts the accession there (RADFLOW_MLLP_ACCESSION_FIELDS).
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
      Correlation key = correlation(orderAccession, ft1, context);
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

  private static Correlation correlation(String orderAccession, FT1 ft1, Hl7Context context)
      throws Unprocessable {
    Hl7Settings settings = context.settings();
    if (orderAccession != null) {
      return Correlation.of(
          Segments.accession(orderAccession, null, "OBR-18", settings, context.header()));
    }
    if (settings.accessionIn("FT1-23")) {
      return Correlation.of(
          Segments.accession(
              ft1.getFillerOrderNumber(), "OBR-18 or FT1-23", settings, context.header()));
    }
    OrderNumber filler =
        Segments.orderNumber(ft1.getFillerOrderNumber(), "FT1-23", settings, context.header());
    if (filler == null) {
      throw new Unprocessable(
          Hl7Rejection.MISSING_FIELD,
          "the charge names no study: OBR-18 (accession) and FT1-23 (filler order number) are"
              + " both empty");
    }
    return new Correlation(null, null, filler);
  }
}
