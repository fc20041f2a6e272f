package org.radflow.national;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One search of the HI Service ({@code POST /patients/lookup}) for the IHI of the local record
 * {@code authority}/{@code patientId}, by whichever of IHI number, Medicare card, DVA file number
 * and demographics radflow holds. Every component but the request id and the subject may be null,
 * meaning "not searched by", and is then left out of the JSON.
 *
 * <p>The search carries nothing else of the patient, and names no longer than the service accepts:
 * {@link #withDemographics} keeps the first given name only and cuts family and given name to
 * {@value #MAX_NAME_LENGTH} characters (the HI Service's limit), so a long name searches by its
 * start rather than being refused. {@link #toJson()} writes the fields always in the same order, so
 * the same search is always the same bytes.
 */
public record IdentitySearch(
    UUID requestId,
    String authority,
    String patientId,
    String ihi,
    String medicareNumber,
    String medicareIrn,
    String dva,
    String familyName,
    String givenName,
    LocalDate dateOfBirth,
    Sex sex) {

  /** The HI Service's limit on a family or given name, in characters. */
  public static final int MAX_NAME_LENGTH = 40;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Sex as the HI Service records it: male, female, intersex or indeterminate, not stated. */
  public enum Sex {
    M,
    F,
    I,
    U
  }

  public IdentitySearch {
    Objects.requireNonNull(requestId, "requestId must not be null");
    authority = required(authority, "authority");
    patientId = required(patientId, "patientId");
    ihi = absentIfBlank(ihi);
    medicareNumber = absentIfBlank(medicareNumber);
    medicareIrn = absentIfBlank(medicareIrn);
    dva = absentIfBlank(dva);
    familyName = absentIfBlank(familyName);
    givenName = absentIfBlank(givenName);
    if ((medicareNumber == null) != (medicareIrn == null)) {
      throw new IllegalArgumentException("medicareNumber and medicareIrn go together");
    }
    withinLimit(familyName, "familyName");
    withinLimit(givenName, "givenName");
  }

  /** A search by nothing but the local record; see the simulator for who answers it. */
  public static IdentitySearch forSubject(UUID requestId, String authority, String patientId) {
    return new IdentitySearch(
        requestId, authority, patientId, null, null, null, null, null, null, null, null);
  }

  /**
   * The same search by IHI number: the follow-up search when {@code ihi} was resolved to another.
   */
  public IdentitySearch withIhi(String ihi) {
    return new IdentitySearch(
        requestId,
        authority,
        patientId,
        ihi,
        medicareNumber,
        medicareIrn,
        dva,
        familyName,
        givenName,
        dateOfBirth,
        sex);
  }

  /** The same search, under its own request id (a follow-up sent as a request of its own). */
  public IdentitySearch withRequestId(UUID requestId) {
    return new IdentitySearch(
        requestId,
        authority,
        patientId,
        ihi,
        medicareNumber,
        medicareIrn,
        dva,
        familyName,
        givenName,
        dateOfBirth,
        sex);
  }

  /** The same search by Medicare card: the 10-digit card number and the 1-digit IRN. */
  public IdentitySearch withMedicare(String number, String irn) {
    return new IdentitySearch(
        requestId,
        authority,
        patientId,
        ihi,
        number,
        irn,
        dva,
        familyName,
        givenName,
        dateOfBirth,
        sex);
  }

  /** The same search by DVA file number. */
  public IdentitySearch withDva(String dva) {
    return new IdentitySearch(
        requestId,
        authority,
        patientId,
        ihi,
        medicareNumber,
        medicareIrn,
        dva,
        familyName,
        givenName,
        dateOfBirth,
        sex);
  }

  /**
   * The same search by demographics, trimmed to what the HI Service takes: the first of {@code
   * givenNames} only, and each name cut to {@value #MAX_NAME_LENGTH} characters.
   */
  public IdentitySearch withDemographics(
      String familyName, String givenNames, LocalDate dateOfBirth, Sex sex) {
    return new IdentitySearch(
        requestId,
        authority,
        patientId,
        ihi,
        medicareNumber,
        medicareIrn,
        dva,
        truncated(familyName),
        truncated(firstGivenName(givenNames)),
        dateOfBirth,
        sex);
  }

  /** The wire form: always the same fields in the same order, absent ones left out. */
  public byte[] toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("requestId", requestId.toString());
    ObjectNode subject = node.putObject("subject");
    subject.put("authority", authority);
    subject.put("patientId", patientId);
    putIfPresent(node, "ihi", ihi);
    if (medicareNumber != null) {
      ObjectNode medicare = node.putObject("medicare");
      medicare.put("number", medicareNumber);
      medicare.put("irn", medicareIrn);
    }
    putIfPresent(node, "dva", dva);
    putIfPresent(node, "familyName", familyName);
    putIfPresent(node, "givenName", givenName);
    putIfPresent(node, "dateOfBirth", dateOfBirth == null ? null : dateOfBirth.toString());
    putIfPresent(node, "sex", sex == null ? null : sex.name());
    return JSON.writeValueAsBytes(node);
  }

  /** Reads what {@link #toJson()} wrote; anything else is a fault: IllegalArgumentException. */
  public static IdentitySearch fromJson(byte[] json) {
    try {
      JsonNode node = JSON.readTree(json);
      JsonNode subject = node.path("subject");
      JsonNode medicare = node.path("medicare");
      String requestId = text(node, "requestId");
      String dateOfBirth = text(node, "dateOfBirth");
      String sex = text(node, "sex");
      if (requestId == null) {
        throw new IllegalArgumentException("not an identity search: requestId is missing");
      }
      return new IdentitySearch(
          UUID.fromString(requestId),
          text(subject, "authority"),
          text(subject, "patientId"),
          text(node, "ihi"),
          text(medicare, "number"),
          text(medicare, "irn"),
          text(node, "dva"),
          text(node, "familyName"),
          text(node, "givenName"),
          dateOfBirth == null ? null : LocalDate.parse(dateOfBirth),
          sex == null ? null : Sex.valueOf(sex));
    } catch (JacksonException | DateTimeParseException e) {
      throw new IllegalArgumentException("not an identity search: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.stringValue() : null;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static String firstGivenName(String givenNames) {
    if (givenNames == null || givenNames.isBlank()) {
      return null;
    }
    return givenNames.strip().split("\\s+", 2)[0];
  }

  private static String truncated(String name) {
    if (name == null) {
      return null;
    }
    String stripped = name.strip();
    if (stripped.codePointCount(0, stripped.length()) <= MAX_NAME_LENGTH) {
      return stripped;
    }
    // Cut by characters, not chars, so no surrogate pair is split in two.
    return stripped.substring(0, stripped.offsetByCodePoints(0, MAX_NAME_LENGTH)).strip();
  }

  private static void withinLimit(String name, String field) {
    if (name != null && name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          field + " must be at most " + MAX_NAME_LENGTH + " characters; withDemographics cuts it");
    }
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  private static String absentIfBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
