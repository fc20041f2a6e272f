package org.radflow.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What radflow acknowledged during the day, kept by the sender: each acknowledgement is a promise
 * that the study's history holds the transition, which the end-of-day check holds radflow to.
 */
final class Acknowledged {

  /** radflow accepted this (AA, or an HTTP 2xx): {@code expects} must be in the study's history. */
  record Promise(StudyPlan study, String label, String expects) {}

  /** radflow refused this (AR, or an HTTP 4xx), with its reason: kept as a dead letter. */
  record Refusal(StudyPlan study, String label, String reason) {}

  private final List<Promise> promises = new ArrayList<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private final Map<String, Long> answers = new TreeMap<>();
  private final AtomicLong sent = new AtomicLong();

  synchronized void accepted(StudyPlan study, String label, String expects, String answer) {
    answers.merge(answer, 1L, Long::sum);
    if (expects != null) {
      promises.add(new Promise(study, label, expects));
    }
  }

  synchronized void refused(StudyPlan study, String label, String reason, String answer) {
    answers.merge(answer, 1L, Long::sum);
    refusals.add(new Refusal(study, label, reason));
  }

  /** An HL7 message's ACK: AA (or CA) is a promise of {@code expects}, anything else a refusal. */
  void answered(StudyPlan study, String label, String expects, MllpSender.Ack ack) {
    if (ack.accepted()) {
      accepted(study, label, expects, "HL7 " + ack.code());
    } else {
      refused(
          study,
          label,
          ack.code() + " " + ack.text() + (ack.error() == null ? "" : ": " + ack.error()),
          "HL7 " + ack.code());
    }
  }

  void sending() {
    sent.incrementAndGet();
  }

  long sent() {
    return sent.get();
  }

  synchronized List<Promise> promises() {
    return List.copyOf(promises);
  }

  synchronized List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  /** Answers by kind: {@code HL7 AA}, {@code HTTP 201}, … */
  synchronized Map<String, Long> answers() {
    return Map.copyOf(answers);
  }
}
