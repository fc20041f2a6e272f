package org.radflow.hl7;

import org.radflow.ingest.Arrival;
import org.radflow.ingest.Arrivals;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.CreateResult;
import org.radflow.lifecycle.MergeResult;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyReads;
import org.radflow.orchestration.PatientUpdates;
import org.radflow.study.Decision;
import org.radflow.study.Study;

/**
 * Carries out the commands a message maps to, each in its own study's transaction. A store that
 * cannot commit throws, and the listener answers AE; every other outcome is said in words.
 */
final class Hl7Ingest {

  private final StudyLifecycle lifecycle;
  private final Arrivals arrivals;
  private final PatientUpdates patientUpdates;

  Hl7Ingest(StudyLifecycle lifecycle, StudyReads studies, PatientUpdates patientUpdates) {
    this.lifecycle = lifecycle;
    this.arrivals = new Arrivals(lifecycle, studies);
    this.patientUpdates = patientUpdates;
  }

  /**
   * No inbox: the keys are the business content, and a control ID a sender reuses for another
   * message must not make that message a "duplicate".
   */
  Hl7Outcome execute(Hl7Command command) {
    if (command instanceof Hl7Command.Open open) {
      return opened(lifecycle.open(open.study()), open.study().businessKey().toString());
    }
    if (command instanceof Hl7Command.Arrive arrive) {
      Arrival arrival =
          arrivals.receive(
              arrive.study(), arrive.transition(), arrive.join(), arrive.unknownReason());
      return arrived(arrive, arrival);
    }
    if (command instanceof Hl7Command.Merge merge) {
      MergeResult result =
          lifecycle.mergePatient(
              merge.retired(),
              merge.surviving(),
              merge.businessTime(),
              new org.radflow.study.Source(merge.source(), null),
              merge.actor());
      if (result instanceof MergeResult.Merged merged) {
        return new Hl7Outcome.Accepted(
            "patient "
                + merge.retired()
                + " merged into "
                + merge.surviving()
                + " ("
                + merged.merge().studies().size()
                + " studies moved)");
      }
      return new Hl7Outcome.Rejected(
          Hl7Rejection.REFUSED_BY_RULES, ((MergeResult.Refused) result).reason(), null);
    }
    return patientUpdated((Hl7Command.PatientUpdated) command);
  }

  private static Hl7Outcome opened(CreateResult result, String accession) {
    if (result instanceof CreateResult.Created created) {
      return new Hl7Outcome.Accepted("study " + created.study().id() + " opened");
    }
    if (result instanceof CreateResult.Existing existing) {
      return new Hl7Outcome.Accepted("study " + existing.study().id() + " already open (re-sent)");
    }
    if (result instanceof CreateResult.Conflict conflict) {
      return new Hl7Outcome.Rejected(
          Hl7Rejection.REFUSED_BY_RULES,
          "accession "
              + conflict.existing().businessKey()
              + " is already open with other order details (study "
              + conflict.existing().id()
              + "); change an order with ORC-1 XO, not a second NW",
          accession);
    }
    if (result instanceof CreateResult.TooLarge large) {
      return new Hl7Outcome.Rejected(
          Hl7Rejection.REFUSED_BY_RULES,
          "the order's details take "
              + large.actualBytes()
              + " bytes, more than the "
              + large.limitBytes()
              + " radflow keeps inline",
          accession);
    }
    return new Hl7Outcome.Rejected(
        Hl7Rejection.REFUSED_BY_RULES, ((CreateResult.Refused) result).message(), accession);
  }

  private static Hl7Outcome arrived(Hl7Command.Arrive arrive, Arrival arrival) {
    if (arrival instanceof Arrival.Joined joined) {
      return new Hl7Outcome.Accepted(
          joined.again()
              ? "study " + joined.study().id() + " already joined with this (re-sent)"
              : "study "
                  + joined.study().id()
                  + " joined late as "
                  + joined.entryKind()
                  + " at "
                  + joined.reached());
    }
    if (arrival instanceof Arrival.Refused refused) {
      return new Hl7Outcome.Rejected(
          arrive.join().isEmpty() ? Hl7Rejection.UNKNOWN_STUDY : Hl7Rejection.REFUSED_BY_RULES,
          refused.reason(),
          arrive.study().toString());
    }
    ApplyResult result = ((Arrival.Applied) arrival).result();
    String type = arrive.transition().type().name();
    if (result instanceof ApplyResult.Committed committed) {
      Study study = committed.study();
      return new Hl7Outcome.Accepted(
          committed.outcome() == Decision.Outcome.HELD
              ? type + " held for study " + study.id() + " until what it follows arrives"
              : type + " applied to study " + study.id());
    }
    if (result instanceof ApplyResult.Duplicate duplicate) {
      return new Hl7Outcome.Accepted(
          type + " already recorded for study " + duplicate.study().id() + " (re-sent)");
    }
    if (result instanceof ApplyResult.Refused refused) {
      return new Hl7Outcome.Rejected(
          Hl7Rejection.REFUSED_BY_RULES, refused.message(), arrive.study().toString());
    }
    if (result instanceof ApplyResult.Conflict conflict) {
      return new Hl7Outcome.Rejected(
          Hl7Rejection.REFUSED_BY_RULES,
          "a different "
              + type
              + " was already received for "
              + arrive.study()
              + " (key "
              + conflict.idempotencyKey()
              + "); send a correction instead of a changed copy",
          arrive.study().toString());
    }
    if (result instanceof ApplyResult.TooLarge large) {
      return new Hl7Outcome.Rejected(
          Hl7Rejection.REFUSED_BY_RULES,
          type + " data takes " + large.actualBytes() + " bytes, over " + large.limitBytes(),
          arrive.study().toString());
    }
    return new Hl7Outcome.Rejected(
        Hl7Rejection.UNKNOWN_STUDY,
        "study " + arrive.study() + " disappeared while applying",
        arrive.study().toString());
  }

  /** The patient's details changed: the workflow decides what that asks again. */
  private Hl7Outcome patientUpdated(Hl7Command.PatientUpdated update) {
    PatientUpdates.Redriven result =
        patientUpdates.patientUpdated(update.patient(), update.actor(), update.reason());
    return new Hl7Outcome.Accepted(
        result.steps() == 0
            ? "patient " + result.patient() + " noted; no identity check of theirs was waiting"
            : "identity checks asked again for "
                + result.steps()
                + " studies of patient "
                + result.patient());
  }
}
