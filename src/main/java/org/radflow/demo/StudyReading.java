package org.radflow.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One study as the API shows it at the end of the day: its status, the transitions its history
 * holds, and its steps.
 *
 * @param status {@code status.kind}, or {@code null} when no study has the accession
 */
record StudyReading(
    StudyPlan plan,
    String status,
    String joinedAt,
    Set<String> transitions,
    List<Step> steps,
    long exceptions) {

  /** The imaging track's main path: a late join at a state attests the ones before it. */
  private static final List<String> IMAGING =
      List.of(
          "NOT_STARTED",
          "ACQUISITION_IN_PROGRESS",
          "ACQUISITION_COMPLETE",
          "IMAGES_COMMITTED",
          "REPORT_PRELIMINARY",
          "REPORT_FINALISED");

  /** The imaging state each imaging transition reaches. */
  private static final java.util.Map<String, String> REACHES =
      java.util.Map.of(
          "ACQUISITION_STARTED", "ACQUISITION_IN_PROGRESS",
          "ACQUISITION_COMPLETED", "ACQUISITION_COMPLETE",
          "IMAGES_COMMITTED", "IMAGES_COMMITTED",
          "REPORT_PRELIMINARY", "REPORT_PRELIMINARY",
          "REPORT_FINALISED", "REPORT_FINALISED");

  /** A step as {@code GET /api/v1/studies/{id}/steps} lists it. */
  record Step(
      String kind,
      String status,
      int attempts,
      int redrives,
      boolean undo,
      boolean timer,
      Long millis) {}

  static StudyReading read(RadflowApi api, StudyPlan plan) {
    JsonNode study = api.studyByAccession(plan.accession());
    if (study.isMissingNode()) {
      return new StudyReading(plan, null, null, Set.of(), List.of(), 0);
    }
    String id = study.path("id").asString();
    Set<String> transitions = new HashSet<>();
    long exceptions = 0;
    String joinedAt = null;
    for (JsonNode entry : api.get("/api/v1/studies/" + id + "/history").path("entries")) {
      if (entry.path("change").asString("").equals("CREATED")) {
        joinedAt = entry.path("creation").path("joinedAt").asString(null);
      }
      String type = entry.path("transition").path("type").asString("");
      if (!type.isEmpty()) {
        transitions.add(type);
      }
      if (type.equals("EXCEPTION_RAISED")) {
        exceptions++;
      }
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode step : api.get("/api/v1/studies/" + id + "/steps")) {
      Long millis = null;
      if (!step.path("completedAt").isNull() && !step.path("completedAt").isMissingNode()) {
        millis =
            Instant.parse(step.path("completedAt").asString()).toEpochMilli()
                - Instant.parse(step.path("createdAt").asString()).toEpochMilli();
      }
      steps.add(
          new Step(
              step.path("kind").asString(),
              step.path("status").asString(),
              step.path("attempts").asInt(),
              step.path("redrives").asInt(),
              !step.path("compensates").isNull() && !step.path("compensates").isMissingNode(),
              step.path("service").isNull() || step.path("service").isMissingNode(),
              millis));
    }
    return new StudyReading(
        plan,
        study.path("status").path("kind").asString(),
        joinedAt,
        transitions,
        steps,
        exceptions);
  }

  boolean exists() {
    return status != null;
  }

  /**
   * Whether the history holds what an acknowledgement promised: the transition itself, or a late
   * join at or past the imaging state it reaches (a report for an unknown accession opens the study
   * at REPORT_FINALISED).
   */
  boolean holds(String expects) {
    if (!exists()) {
      return false;
    }
    if (expects.equals("CREATED") || transitions.contains(expects)) {
      return true;
    }
    String reached = REACHES.get(expects);
    return reached != null
        && joinedAt != null
        && IMAGING.indexOf(joinedAt) >= IMAGING.indexOf(reached);
  }
}
