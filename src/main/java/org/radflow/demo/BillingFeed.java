package org.radflow.demo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.radflow.simulator.ControlClient;
import org.radflow.workflow.Service;
import tools.jackson.databind.JsonNode;

/**
 * The billing system's outbound interface: once a charge is posted there (radflow's charge step
 * asked for it), the billing system reports it back as a DFT^P03, as billing systems do. radflow
 * already knows the charge, so it records the message as an observation and changes nothing.
 */
final class BillingFeed implements AutoCloseable {

  private final Map<String, StudyPlan> byAccession = new HashMap<>();
  private final ControlClient simulators;
  private final MllpSender sender;
  private final Acknowledged acknowledged;
  private final DayClock clock;
  private final Hl7Texts texts = new Hl7Texts(DayPlan.SITE);
  private final Set<String> reported = new HashSet<>();
  private long controlIds;

  BillingFeed(
      DayPlan plan,
      ControlClient simulators,
      int mllpPort,
      Acknowledged acknowledged,
      DayClock clock) {
    plan.studies().forEach(s -> byAccession.put(s.accession(), s));
    this.simulators = simulators;
    this.sender = new MllpSender("127.0.0.1", mllpPort);
    this.acknowledged = acknowledged;
    this.clock = clock;
  }

  /** Reports every charge of the day's studies posted since the last round. */
  void round() throws InterruptedException {
    for (JsonNode resource : simulators.state(Service.BILLING).path("resources")) {
      String charge = resource.path("id").asString();
      StudyPlan study = byAccession.get(resource.path("attributes").path("accession").asString(""));
      if (!resource.path("kind").asString().equals("charge")
          || study == null
          || !reported.add(charge)) {
        continue;
      }
      String text =
          texts.charge(
              "BIL-" + clock.dayStart().toString().substring(0, 10) + "-" + (++controlIds),
              clock.dayStart().plusSeconds(clock.secondOfDay()),
              study.patient(),
              study.procedure(),
              study.accession(),
              charge);
      acknowledged.sending();
      acknowledged.answered(study, "charge (billing feed)", "CHARGE_SEEDED", sender.send(text));
    }
  }

  @Override
  public void close() throws Exception {
    sender.close();
  }
}
