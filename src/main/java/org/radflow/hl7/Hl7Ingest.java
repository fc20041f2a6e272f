package org.radflow.hl7;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.radflow.ingest.Arrival;
import org.radflow.ingest.Arrivals;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.lifecycle.MergeResult;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyReads;
import org.radflow.lifecycle.TransitionDraft;
import org.radflow.logging.LogFields;
import org.radflow.orchestration.PatientUpdates;
import org.radflow.study.BusinessKey;
import org.radflow.study.OrderNumber;
import org.radflow.study.PatientRef;
import org.radflow.study.Source;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.radflow.study.TransitionType;

/**
 * Carries out the commands a message maps to, each in its own study's transaction, and says what
 * each came to as the verdict the ACK is made of. A store that cannot commit throws, and the
 * listener answers AE; every other outcome is said in words.
 */
final class Hl7Ingest {

  private final StudyLifecycle lifecycle;
  private final Arrivals arrivals;
  private final PatientUpdates patientUpdates;
  private final StudyReads studies;

  Hl7Ingest(StudyLifecycle lifecycle, StudyReads studies, PatientUpdates patientUpdates) {
    this.lifecycle = lifecycle;
    this.studies = studies;
    this.arrivals = new Arrivals(lifecycle, studies);
    this.patientUpdates = patientUpdates;
  }

  /**
   * Accepted or rejected, never unavailable (that throws). No inbox: the keys are the business
   * content, and a control ID a sender reuses for another message must not make that message a
   * "duplicate".
   */
  Hl7Verdict execute(Hl7Command command) {
    try (LogFields.Scope fields = LogFields.open().accession(accessionOf(command))) {
      return command.fold(this::open, this::arrive, this::merge, this::patientUpdated);
    }
  }

  /**
   * The accession a command names, for the log; null for a patient's commands and for a message
   * that names its study by order number alone.
   */
  private static String accessionOf(Hl7Command command) {
    return command.fold(
        open -> open.study().businessKey().accessionNumber(),
        arrive ->
            arrive.study().accession() == null
                ? null
                : arrive.study().accession().accessionNumber(),
        merge -> null,
        patientUpdated -> null);
  }

  private Hl7Verdict open(Hl7Command.Open open) {
    String accession = open.study().businessKey().toString();
    return lifecycle
        .open(open.study())
        .fold(
            created -> accepted("study " + created.study().id() + " opened"),
            existing -> accepted("study " + existing.study().id() + " already open (re-sent)"),
            conflict ->
                refused(
                    "accession "
                        + conflict.existing().businessKey()
                        + " is already open with other order details (study "
                        + conflict.existing().id()
                        + "); change an order with ORC-1 XO, not a second NW",
                    accession),
            refused -> refused(refused.message(), accession),
            large ->
                refused(
                    "the order's details take "
                        + large.actualBytes()
                        + " bytes, more than the "
                        + large.limitBytes()
                        + " radflow keeps inline",
                    accession));
  }

  private Hl7Verdict arrive(Hl7Command.Arrive arrive) {
    Optional<BusinessKey> key = studyKey(arrive.study());
    if (key.isEmpty()) {
      return new Hl7Verdict.Rejected(
          Hl7Rejection.UNKNOWN_STUDY, arrive.unknownReason(), arrive.study().toString());
    }
    Arrival arrival =
        arrivals.receive(key.get(), arrive.transition(), arrive.join(), arrive.unknownReason());
    return arrival.fold(
        joined ->
            accepted(
                joined.again()
                    ? "study " + joined.study().id() + " already joined with this (re-sent)"
                    : "study "
                        + joined.study().id()
                        + " joined late as "
                        + joined.entryKind()
                        + " at "
                        + joined.reached()),
        applied -> applied(arrive, applied.result()),
        refused ->
            new Hl7Verdict.Rejected(
                arrive.join().isEmpty()
                    ? Hl7Rejection.UNKNOWN_STUDY
                    : Hl7Rejection.REFUSED_BY_RULES,
                refused.reason(),
                arrive.study().toString()));
  }

  /**
   * The study a message names: by its accession when it carries one, else by the filler's order
   * number, else by the placer's.
   */
  private Optional<BusinessKey> studyKey(Correlation study) {
    if (study.accession() != null) {
      return Optional.of(study.accession());
    }
    Optional<StudyId> id = Optional.empty();
    if (study.filler() != null) {
      id = studies.idOfOrder(OrderNumber.Role.FILLER, study.filler());
    }
    if (id.isEmpty() && study.placer() != null) {
      id = studies.idOfOrder(OrderNumber.Role.PLACER, study.placer());
    }
    return id.flatMap(studies::find).map(Study::businessKey);
  }

  private static Hl7Verdict applied(Hl7Command.Arrive arrive, ApplyResult result) {
    String type = arrive.transition().type().name();
    String accession = arrive.study().toString();
    return result.fold(
        committed -> accepted(describe(type, committed)),
        duplicate ->
            accepted(type + " already recorded for study " + duplicate.study().id() + " (re-sent)"),
        conflict ->
            refused(
                "a different "
                    + type
                    + " was already received for "
                    + arrive.study()
                    + " (key "
                    + conflict.idempotencyKey()
                    + "); send a correction instead of a changed copy",
                accession),
        refused -> refused(refused.message(), accession),
        // no expected version is sent, so a mismatch means the study went away as NotFound does
        mismatch -> disappeared(arrive),
        large ->
            refused(
                type + " data takes " + large.actualBytes() + " bytes, over " + large.limitBytes(),
                accession),
        notFound -> disappeared(arrive));
  }

  private static String describe(String type, ApplyResult.Committed committed) {
    String study = "study " + committed.study().id();
    return switch (committed.outcome()) {
      case HELD -> type + " held for " + study + " until what it follows arrives";
      case ALREADY_KNOWN -> type + " already known for " + study + "; recorded as an observation";
      case APPLIED -> type + " applied to " + study;
    };
  }

  private static Hl7Verdict disappeared(Hl7Command.Arrive arrive) {
    return new Hl7Verdict.Rejected(
        Hl7Rejection.UNKNOWN_STUDY,
        "study " + arrive.study() + " disappeared while applying",
        arrive.study().toString());
  }

  private Hl7Verdict merge(Hl7Command.Merge merge) {
    // a re-sent merge finds the retired patient living on as the survivor already
    boolean mergedBefore =
        studies.survivorOf(merge.retired()).equals(studies.survivorOf(merge.surviving()));
    MergeResult result =
        lifecycle.mergePatient(
            merge.retired(),
            merge.surviving(),
            merge.businessTime(),
            new Source(merge.source(), null),
            merge.actor());
    return result.fold(
        merged ->
            mergedBefore && merged.merge().studies().isEmpty()
                ? accepted(
                    "patient "
                        + merge.retired()
                        + " already merged into "
                        + merge.surviving()
                        + " (re-sent; 0 studies moved)")
                : accepted(
                    "patient "
                        + merge.retired()
                        + " merged into "
                        + merge.surviving()
                        + " ("
                        + merged.merge().studies().size()
                        + " studies moved)"),
        refused -> refused(refused.reason(), null));
  }

  /** The patient's details changed: the workflow decides what that asks again. */
  private Hl7Verdict patientUpdated(Hl7Command.PatientUpdated update) {
    String summary =
        patientUpdates
            .patientUpdated(
                update.patient(), update.contentDigest(), update.actor(), update.reason())
            .fold(
                redriven ->
                    redriven.steps() == 0
                        ? "patient "
                            + redriven.patient()
                            + " noted; no identity check of theirs was waiting"
                        : "identity checks asked again for "
                            + redriven.steps()
                            + " studies of patient "
                            + redriven.patient(),
                same ->
                    "patient "
                        + same.patient()
                        + " already noted with these details at "
                        + same.notedAt()
                        + " (re-sent; nothing asked again)");
    int revalidated = update.statedIhi().map(ihi -> revalidate(update, ihi)).orElse(0);
    return accepted(
        revalidated == 0
            ? summary
            : summary + "; the IHI is looked up again for " + revalidated + " studies");
  }

  /**
   * A PID naming an IHI other than the one a study of the patient was validated with asks the HI
   * Service again for that study, with the PID's search keys; the same IHI asks nothing (the study
   * rules record it as already known).
   */
  private int revalidate(Hl7Command.PatientUpdated update, String ihi) {
    int asked = 0;
    PatientRef survivor = studies.survivorOf(update.patient());
    for (StudyId id : studies.studiesOfPatient(survivor)) {
      ApplyResult result =
          lifecycle.apply(
              id,
              new TransitionDraft(
                  TransitionType.IDENTITY_REVALIDATION_REQUESTED,
                  "hl7:ihi:" + ihi + ":" + update.contentDigest(),
                  null,
                  new Source(update.actor(), null),
                  update.actor(),
                  Map.of("reason", "a patient update named IHI " + ihi, "statedIhi", ihi),
                  update.searchKeys().map(List::of).orElse(List.of())),
              null);
      if (result instanceof ApplyResult.Committed committed
          && committed.outcome() == org.radflow.study.Decision.Outcome.APPLIED) {
        asked++;
      }
    }
    return asked;
  }

  private static Hl7Verdict accepted(String summary) {
    return new Hl7Verdict.Accepted(summary);
  }

  private static Hl7Verdict refused(String reason, String accession) {
    return new Hl7Verdict.Rejected(Hl7Rejection.REFUSED_BY_RULES, reason, accession);
  }
}
