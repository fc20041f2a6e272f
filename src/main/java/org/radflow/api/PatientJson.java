package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.radflow.study.PatientRef;

/** A patient identifier within its assigning authority (PID-3). Never demographics. */
@Schema(name = "Patient")
public record PatientJson(
    @Schema(example = "NHS") String assigningAuthority, @Schema(example = "P-1001") String id) {

  static PatientJson of(PatientRef patient) {
    return new PatientJson(patient.assigningAuthority(), patient.id());
  }

  /** Applies {@link Fields} to a patient in a request; {@code null} passes. */
  static void check(PatientJson json, String field) {
    if (json != null) {
      Fields.name(json.assigningAuthority, field + ".assigningAuthority", Fields.IDENTIFIER);
      Fields.name(json.id, field + ".id", Fields.IDENTIFIER);
    }
  }

  /** The model value; {@code null} stays {@code null} so the model names the missing field. */
  static PatientRef toModel(PatientJson json, String field) {
    if (json == null) {
      return null;
    }
    try {
      return new PatientRef(json.assigningAuthority, json.id);
    } catch (IllegalArgumentException | NullPointerException e) {
      // The model says "patient.id"; a merge has two patients, so name the one that is wrong.
      String message = String.valueOf(e.getMessage()).replaceFirst("^patient\\.", field + ".");
      throw ApiProblem.invalidField(message);
    }
  }
}
