package org.radflow.simulator;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Who a patient is, as the HI Service compares it: family name (case-insensitive), date of birth
 * and sex exactly, and the given name only when both sides have one.
 */
public record Demographics(String familyName, String givenName, LocalDate dateOfBirth, String sex) {

  /** M male, F female, I intersex or indeterminate, U not stated. */
  static final Set<String> SEXES = Set.of("M", "F", "I", "U");

  static final Set<String> KEYS = Set.of("familyName", "givenName", "dateOfBirth", "sex");

  public Demographics {
    Objects.requireNonNull(dateOfBirth, "dateOfBirth must not be null");
    if (familyName == null || familyName.isBlank()) {
      throw new IllegalArgumentException("familyName is missing");
    }
    if (sex == null || !SEXES.contains(sex)) {
      throw new IllegalArgumentException("sex must be one of M, F, I, U");
    }
    givenName = givenName == null || givenName.isBlank() ? null : givenName;
  }

  boolean matches(Demographics other) {
    return familyName.equalsIgnoreCase(other.familyName)
        && dateOfBirth.equals(other.dateOfBirth)
        && sex.equals(other.sex)
        && (givenName == null
            || other.givenName == null
            || givenName.equalsIgnoreCase(other.givenName));
  }

  /**
   * The demographics in {@code body}, or null when it has none of their keys; when it has any,
   * family name, date of birth and sex must all be there.
   *
   * @throws IllegalArgumentException naming the missing or malformed key
   */
  static Demographics from(JsonNode body, boolean required) {
    if (!required && KEYS.stream().noneMatch(body::has)) {
      return null;
    }
    for (String key : new String[] {"familyName", "dateOfBirth", "sex"}) {
      if (Texts.optional(body, key) == null) {
        throw new IllegalArgumentException(
            "demographics need family name, date of birth and sex; " + key + " is missing");
      }
    }
    String dateOfBirth = Texts.optional(body, "dateOfBirth");
    try {
      return new Demographics(
          Texts.optional(body, "familyName"),
          Texts.optional(body, "givenName"),
          LocalDate.parse(dateOfBirth),
          Texts.optional(body, "sex"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("dateOfBirth must be a date YYYY-MM-DD");
    }
  }

  void putInto(Map<String, Object> json) {
    json.put("familyName", familyName);
    if (givenName != null) {
      json.put("givenName", givenName);
    }
    json.put("dateOfBirth", dateOfBirth.toString());
    json.put("sex", sex);
  }
}
