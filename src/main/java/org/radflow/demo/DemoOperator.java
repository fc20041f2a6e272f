package org.radflow.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.radflow.simulator.ClaimVerdict;
import org.radflow.simulator.ControlClient;
import tools.jackson.databind.JsonNode;

/**
 * The operator on duty: watches the exception lane through the API and, a little after each
 * exception it knows how to clear appears, clears it the way a person would. A provisional IHI is
 * verified with the HI Service and the identity check redriven; an unknown patient's record is
 * corrected at the PAS, whose ADT^A08 makes radflow ask again by itself; a rejected claim is
 * corrected with the payer and its answer redriven. Anything else stays in the lane, for the
 * summary to show.
 */
final class DemoOperator {

  private final DayPlan plan;
  private final RadflowApi api;
  private final ControlClient simulators;
  private final MllpSender pas;
  private final Hl7Texts texts = new Hl7Texts(DayPlan.SITE);
  private final Acknowledged acknowledged;
  private final DayNotes notes;
  private final Duration patience;
  private final Map<String, StudyPlan> byAccession = new HashMap<>();
  private final Map<String, Long> firstSeen = new HashMap<>();
  private final Set<String> handled = new LinkedHashSet<>();
  private final Set<String> unknownPatients = new LinkedHashSet<>();
  private final AtomicLong redrives = new AtomicLong();
  private final AtomicLong patientUpdates = new AtomicLong();
  private long controlIds;

  DemoOperator(
      DayPlan plan,
      RadflowApi api,
      ControlClient simulators,
      int mllpPort,
      Acknowledged acknowledged,
      DayNotes notes,
      Duration patience) {
    this.plan = plan;
    this.api = api;
    this.simulators = simulators;
    this.pas = new MllpSender("127.0.0.1", mllpPort);
    this.acknowledged = acknowledged;
    this.notes = notes;
    this.patience = patience;
    plan.studies().forEach(s -> byAccession.put(s.accession(), s));
  }

  /** Before the day: what the HI Service and the payer will say about the day's twisted studies. */
  void prepareTheWorld() {
    for (StudyPlan study : plan.studies()) {
      if (study.has(StudyPlan.Twist.PROVISIONAL_IHI)) {
        simulators.registerPatient(
            DayPlan.SITE, study.patient().mrn(), study.patient().ihi(), "ACTIVE", "PROVISIONAL");
      }
      if (study.has(StudyPlan.Twist.UNKNOWN_IHI)) {
        unknownPatients.add(study.patient().mrn());
      }
      if (study.has(StudyPlan.Twist.CLAIM_REJECTED)) {
        simulators.claimVerdict(
            study.accession(),
            new ClaimVerdict(
                ClaimVerdict.Status.REJECTED, "item number not claimable with this referral"));
      }
    }
    simulators.unknownPatients(unknownPatients);
  }

  /** One look at the lane; clears what has waited its turn. */
  void round() throws InterruptedException {
    JsonNode lane = api.get("/api/v1/exceptions?kind=STEP_FAILED&limit=200");
    long now = System.nanoTime();
    for (JsonNode item : lane) {
      String step = item.path("step").asString("");
      StudyPlan study = byAccession.get(item.path("accessionNumber").asString(""));
      if (study == null || step.isEmpty() || handled.contains(step)) {
        continue;
      }
      long seen = firstSeen.computeIfAbsent(step, s -> now);
      if (now - seen < patience.toNanos()) {
        continue;
      }
      String service = item.path("service").asString("");
      if (clear(study, service, step)) {
        handled.add(step);
      }
    }
  }

  private boolean clear(StudyPlan study, String service, String step) throws InterruptedException {
    if (service.equals("identity") && study.has(StudyPlan.Twist.PROVISIONAL_IHI)) {
      simulators.registerPatient(
          DayPlan.SITE, study.patient().mrn(), study.patient().ihi(), "ACTIVE", "VERIFIED");
      redrive(step, "the HI Service now holds the IHI as verified");
      notes.add(study.accession() + ": provisional IHI verified with the HI Service; redriven");
      return true;
    }
    if (service.equals("identity") && study.has(StudyPlan.Twist.UNKNOWN_IHI)) {
      unknownPatients.remove(study.patient().mrn());
      simulators.unknownPatients(unknownPatients);
      String update =
          texts.patientUpdate("DOP-" + (++controlIds), java.time.Instant.now(), study.patient());
      acknowledged.answered(study, "patient update", null, pas.send(update));
      patientUpdates.incrementAndGet();
      notes.add(study.accession() + ": patient record corrected at the PAS (ADT^A08)");
      return true;
    }
    if (service.equals("billing") && study.has(StudyPlan.Twist.CLAIM_REJECTED)) {
      simulators.claimVerdict(
          study.accession(), new ClaimVerdict(ClaimVerdict.Status.ACCEPTED, null));
      redrive(step, "the claim was corrected with the payer");
      notes.add(study.accession() + ": rejected claim corrected with the payer; redriven");
      return true;
    }
    return false;
  }

  private void redrive(String step, String reason) {
    RadflowApi.Answer answer =
        api.post("/api/v1/steps/" + step + "/redrive", RadflowApi.reason(reason));
    if (!answer.ok()) {
      throw new IllegalStateException(
          "redriving step " + step + " answered " + answer.status() + ": " + answer.body());
    }
    redrives.incrementAndGet();
  }

  long redrives() {
    return redrives.get();
  }

  long patientUpdates() {
    return patientUpdates.get();
  }

  void close() throws Exception {
    pas.close();
  }
}
