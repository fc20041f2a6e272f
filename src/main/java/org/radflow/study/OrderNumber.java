package org.radflow.study;

import java.util.Map;
import java.util.Optional;

/**
 * An order number within the authority that assigned it (HL7 EI: the number and its namespace).
 * Placer order number, filler order number and accession are three identifiers of a study; a site
 * may make two of them equal, the standard does not.
 */
public record OrderNumber(String assigningAuthority, String number) {
  public OrderNumber {
    Require.text(assigningAuthority, "assigningAuthority", 64);
    Require.text(number, "number", 64);
  }

  @Override
  public String toString() {
    return assigningAuthority + "/" + number;
  }

  /**
   * Who gave the number: the placer (the ordering system, ORC-2) or the filler (the department that
   * performs the order, ORC-3). A study's attributes and a transition's data carry each under the
   * keys named here.
   */
  public enum Role {
    PLACER("placerOrderNumber", "placerOrderAuthority", "placer order number"),
    FILLER("fillerOrderNumber", "fillerOrderAuthority", "filler order number");

    private final String numberKey;
    private final String authorityKey;
    private final String label;

    Role(String numberKey, String authorityKey, String label) {
      this.numberKey = numberKey;
      this.authorityKey = authorityKey;
      this.label = label;
    }

    /** The number these attributes or data carry in this role, when they name it whole. */
    public Optional<OrderNumber> in(Map<String, String> values) {
      String number = values.get(numberKey);
      String authority = values.get(authorityKey);
      if (number == null || number.isBlank() || authority == null || authority.isBlank()) {
        return Optional.empty();
      }
      return Optional.of(new OrderNumber(authority, number));
    }

    /** Adds {@code number} in this role to {@code values}; nothing when it is null. */
    public void put(Map<String, String> values, OrderNumber number) {
      if (number != null) {
        values.put(numberKey, number.number());
        values.put(authorityKey, number.assigningAuthority());
      }
    }

    public String label() {
      return label;
    }
  }
}
