package org.radflow.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.radflow.study.IhiNumberStatus;
import org.radflow.study.IhiRecordStatus;
import org.radflow.workflow.IhiRules;
import tools.jackson.databind.JsonNode;

/**
 * A patient the simulated HI Service holds, under the local record ({@code authority}, {@code
 * patientId}) a test registered it for. Identifiers and demographics are optional; without
 * demographics on file, a search by identifier matches on the identifier alone.
 *
 * @param resolvedTo the IHI this one was merged into, given exactly when {@code numberStatus} is
 *     RESOLVED
 */
public record RegisteredPatient(
    String authority,
    String patientId,
    String ihi,
    IhiNumberStatus numberStatus,
    IhiRecordStatus recordStatus,
    String resolvedTo,
    Medicare medicare,
    String dva,
    Demographics demographics) {

  public RegisteredPatient {
    requireText(authority, "authority");
    requireText(patientId, "patientId");
    requireIhi(ihi, "ihi");
    Objects.requireNonNull(numberStatus, "numberStatus is missing");
    Objects.requireNonNull(recordStatus, "recordStatus is missing");
    if (numberStatus == IhiNumberStatus.RESOLVED) {
      requireIhi(resolvedTo, "resolvedTo");
      if (resolvedTo.equals(ihi)) {
        throw new IllegalArgumentException("resolvedTo must be another IHI than ihi");
      }
    } else if (resolvedTo != null) {
      throw new IllegalArgumentException("resolvedTo is only for a RESOLVED numberStatus");
    }
  }

  /**
   * A patient as the control API takes it; a bad field is an IllegalArgumentException naming it.
   */
  static RegisteredPatient fromJson(JsonNode json) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("each patient must be a JSON object");
    }
    return new RegisteredPatient(
        Texts.required(json, "authority"),
        Texts.required(json, "patientId"),
        Texts.required(json, "ihi"),
        status(IhiNumberStatus.class, json, "numberStatus"),
        status(IhiRecordStatus.class, json, "recordStatus"),
        Texts.optional(json, "resolvedTo"),
        Medicare.from(json),
        Texts.optional(json, "dva"),
        Demographics.from(json, false));
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("authority", authority);
    json.put("patientId", patientId);
    json.put("ihi", ihi);
    json.put("numberStatus", numberStatus.name());
    json.put("recordStatus", recordStatus.name());
    if (resolvedTo != null) {
      json.put("resolvedTo", resolvedTo);
    }
    if (medicare != null) {
      json.put("medicare", Map.of("number", medicare.number(), "irn", medicare.irn()));
    }
    if (dva != null) {
      json.put("dva", dva);
    }
    if (demographics != null) {
      demographics.putInto(json);
    }
    return json;
  }

  boolean isFor(String authority, String patientId) {
    return this.authority.equals(authority) && this.patientId.equals(patientId);
  }

  /** A patient nobody registered, whom the service knows by {@code ihi}, ACTIVE and VERIFIED. */
  static RegisteredPatient known(String authority, String patientId, String ihi) {
    return new RegisteredPatient(
        authority,
        patientId,
        ihi,
        IhiNumberStatus.ACTIVE,
        IhiRecordStatus.VERIFIED,
        null,
        null,
        null,
        null);
  }

  /** The record the HI Service keeps for the IHI this one was resolved to, when none is held. */
  RegisteredPatient survivor() {
    return new RegisteredPatient(
        authority,
        patientId,
        resolvedTo,
        IhiNumberStatus.ACTIVE,
        IhiRecordStatus.VERIFIED,
        null,
        null,
        null,
        demographics);
  }

  private static <E extends Enum<E>> E status(Class<E> type, JsonNode json, String key) {
    String name = Texts.required(json, key);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " " + name + " is not a " + type.getSimpleName());
    }
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
  }

  private static void requireIhi(String ihi, String field) {
    if (!IhiRules.wellFormed(ihi)) {
      throw new IllegalArgumentException(
          field + " must be an IHI: 16 digits starting 800360 with a Luhn check digit");
    }
  }
}
