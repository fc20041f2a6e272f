package org.radflow.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.radflow.simulator.ControlClient;
import org.radflow.simulator.Fault;
import org.radflow.workflow.Service;

/**
 * Plays the day: each delivery at its moment, on the lane of its study (one MLLP connection and its
 * imaging events per lane, so a study's messages keep their order while studies run side by side),
 * and the national record's outage through the simulators' control API.
 */
final class DemoDriver implements AutoCloseable {

  static final int LANES = 4;

  private final DayPlan plan;
  private final DayClock clock;
  private final RadflowApi api;
  private final ControlClient simulators;
  private final Acknowledged acknowledged;
  private final DayNotes notes;
  private final List<ExecutorService> lanes = new ArrayList<>();
  private final List<MllpSender> senders = new ArrayList<>();

  DemoDriver(
      DayPlan plan,
      DayClock clock,
      RadflowApi api,
      int mllpPort,
      ControlClient simulators,
      Acknowledged acknowledged,
      DayNotes notes) {
    this.plan = plan;
    this.clock = clock;
    this.api = api;
    this.simulators = simulators;
    this.acknowledged = acknowledged;
    this.notes = notes;
    for (int lane = 0; lane < LANES; lane++) {
      int number = lane;
      lanes.add(Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-lane-" + number)));
      senders.add(new MllpSender("127.0.0.1", mllpPort));
    }
  }

  /** Sends everything, each at its moment; returns once every delivery has its answer. */
  void run() throws Exception {
    List<Future<?>> answers = new ArrayList<>();
    for (Delivery.Planned planned : plan.deliveries()) {
      long wait = clock.nanosUntil(planned.second());
      if (wait > 0) {
        java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
      }
      Delivery delivery = planned.delivery();
      if (delivery instanceof Delivery.Outage outage) {
        outage(outage.down());
        continue;
      }
      if (delivery instanceof Delivery.Downtime downtime) {
        notes.add(
            downtime.starts()
                ? "interface downtime: the interface engine queues the site's messages; orders"
                    + " are written on paper"
                : "the interfaces are back: the queue drains in order, paper orders are"
                    + " backfilled as imaging events");
        continue;
      }
      StudyPlan study =
          delivery instanceof Delivery.Hl7 hl7
              ? hl7.study()
              : ((Delivery.Imaging) delivery).study();
      int lane = study.n() % LANES;
      answers.add(lanes.get(lane).submit(() -> deliver(lane, delivery)));
    }
    for (Future<?> answer : answers) {
      answer.get();
    }
  }

  private Void deliver(int lane, Delivery delivery) throws Exception {
    acknowledged.sending();
    if (delivery instanceof Delivery.Hl7 hl7) {
      acknowledged.answered(
          hl7.study(), hl7.label(), hl7.expects(), senders.get(lane).send(hl7.text()));
    } else if (delivery instanceof Delivery.Imaging imaging) {
      RadflowApi.Answer answer = imagingEvent(imaging);
      String kind = "HTTP " + answer.status();
      if (answer.ok()) {
        acknowledged.accepted(imaging.study(), imaging.label(), imaging.expects(), kind);
      } else {
        acknowledged.refused(
            imaging.study(), imaging.label(), answer.body().path("detail").asString(""), kind);
      }
    }
    return null;
  }

  /** A 5xx or 429 is the server's "not now": sent again, as a modality's gateway would. */
  private RadflowApi.Answer imagingEvent(Delivery.Imaging imaging) throws InterruptedException {
    RadflowApi.Answer answer = null;
    for (int attempt = 1; attempt <= 10; attempt++) {
      answer = api.post("/api/v1/imaging-events", imaging.body());
      if (answer.status() < 500 && answer.status() != 429) {
        return answer;
      }
      Thread.sleep(200L * attempt);
    }
    return answer;
  }

  private void outage(boolean down) {
    simulators.fault(Service.NATIONAL_RECORD, down ? Fault.down() : Fault.none());
    notes.add(
        down
            ? "the national record (My Health Record) goes down: publications are suspended"
            : "the national record answers again: radflow verifies recovery, then releases");
  }

  @Override
  public void close() {
    lanes.forEach(ExecutorService::shutdownNow);
    for (MllpSender sender : senders) {
      try {
        sender.close();
      } catch (Exception e) {
        // closing a connection that failed already
      }
    }
  }
}
