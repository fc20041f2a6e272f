package org.radflow.simulator;

import tools.jackson.databind.JsonNode;

/** A Medicare card: its 10-digit number and the individual reference number (IRN) 1 to 9. */
public record Medicare(String number, String irn) {

  public Medicare {
    if (number == null || !number.matches("[0-9]{10}")) {
      throw new IllegalArgumentException("medicare.number must be 10 digits");
    }
    if (irn == null || !irn.matches("[1-9]")) {
      throw new IllegalArgumentException("medicare.irn must be one digit 1-9");
    }
  }

  /** The card under {@code medicare} in {@code body}, or null when there is none. */
  static Medicare from(JsonNode body) {
    JsonNode card = body.path("medicare");
    if (card.isMissingNode() || card.isNull()) {
      return null;
    }
    if (!card.isObject()) {
      throw new IllegalArgumentException("medicare must be an object {number, irn}");
    }
    return new Medicare(Texts.optional(card, "number"), Texts.optional(card, "irn"));
  }
}
