package org.radflow.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The end of the day, checked from outside: every study read back through the API, every
 * acknowledgement held against the study's history (lost: acknowledged but absent), and the
 * simulators' holdings searched for a side effect made twice (duplicated).
 */
record DayCheck(
    Map<StudyPlan, StudyReading> readings,
    List<String> lost,
    List<String> misplaced,
    SideEffects sideEffects,
    long releases) {

  static DayCheck run(
      DayPlan plan,
      RadflowApi api,
      org.radflow.simulator.ControlClient simulators,
      Acknowledged acknowledged,
      java.time.Instant since)
      throws Exception {
    Map<StudyPlan, StudyReading> readings = new HashMap<>();
    ExecutorService readers = Executors.newFixedThreadPool(4);
    try {
      List<Future<StudyReading>> reads = new ArrayList<>();
      for (StudyPlan study : plan.studies()) {
        reads.add(readers.submit(() -> StudyReading.read(api, study)));
      }
      for (Future<StudyReading> read : reads) {
        StudyReading reading = read.get();
        readings.put(reading.plan(), reading);
      }
    } finally {
      readers.shutdownNow();
    }
    List<String> lost = new ArrayList<>();
    for (Acknowledged.Promise promise : acknowledged.promises()) {
      if (!readings.get(promise.study()).holds(promise.expects())) {
        lost.add(
            promise.study().accession()
                + ": "
                + promise.label()
                + " was acknowledged but "
                + (promise.expects().equals("CREATED")
                    ? "no study has the accession"
                    : "the history holds no " + promise.expects()));
      }
    }
    List<String> misplaced = new ArrayList<>();
    for (StudyReading reading : readings.values()) {
      String expected = reading.plan().expectedStatus();
      if (reading.exists() && !expected.equals(reading.status())) {
        misplaced.add(
            reading.plan().accession()
                + " ("
                + reading.plan().kind().name().toLowerCase()
                + " "
                + reading.plan().twists()
                + ") is "
                + reading.status()
                + ", expected "
                + expected);
      }
    }
    misplaced.sort(null);
    java.util.Set<String> accessions = new java.util.HashSet<>();
    plan.studies().forEach(s -> accessions.add(s.accession()));
    return new DayCheck(
        readings, lost, misplaced, SideEffects.read(simulators, accessions), releases(api, since));
  }

  /**
   * How often the national record's suspended work was released since the day began, from the
   * audit: once per outage when recovery is verified once.
   */
  private static long releases(RadflowApi api, java.time.Instant since) {
    long releases = 0;
    for (tools.jackson.databind.JsonNode action :
        api.get("/api/v1/audit?action=RELEASE&from=" + since + "&limit=500")) {
      if (action.path("target").asString("").equals("service national-record")
          && action.path("outcome").asString("").startsWith("releasing")) {
        releases++;
      }
    }
    return releases;
  }

  boolean passed() {
    return lost.isEmpty() && sideEffects.duplicates().isEmpty();
  }

  Map<String, Long> byStatus() {
    Map<String, Long> counts = new TreeMap<>();
    readings.values().stream()
        .filter(StudyReading::exists)
        .forEach(r -> counts.merge(r.status(), 1L, Long::sum));
    return counts;
  }

  /** Each finished step's time from its creation to its completion, by kind. */
  Map<String, List<Long>> stepMillis() {
    Map<String, List<Long>> millis = new TreeMap<>();
    for (StudyReading reading : readings.values()) {
      for (StudyReading.Step step : reading.steps()) {
        if (step.millis() != null && step.status().equals("SUCCEEDED")) {
          millis.computeIfAbsent(step.kind(), k -> new ArrayList<>()).add(step.millis());
        }
      }
    }
    return millis;
  }
}
