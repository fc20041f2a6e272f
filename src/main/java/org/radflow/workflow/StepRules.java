package org.radflow.workflow;

import static org.radflow.study.TransitionType.CHARGE_SEEDED;
import static org.radflow.study.TransitionType.CLAIM_ACCEPTED;
import static org.radflow.study.TransitionType.CLAIM_REJECTED;
import static org.radflow.study.TransitionType.CLAIM_SUBMITTED;
import static org.radflow.study.TransitionType.EXCEPTION_RAISED;
import static org.radflow.study.TransitionType.FINANCIALLY_RECONCILED;
import static org.radflow.study.TransitionType.IDENTITY_INVALIDATED;
import static org.radflow.study.TransitionType.IDENTITY_REJECTED;
import static org.radflow.study.TransitionType.IDENTITY_REVALIDATED;
import static org.radflow.study.TransitionType.IDENTITY_VALIDATED;
import static org.radflow.study.TransitionType.IMAGES_COMMITTED;
import static org.radflow.study.TransitionType.IMAGES_MISSING_DETECTED;
import static org.radflow.study.TransitionType.PROCEDURE_SCHEDULED;
import static org.radflow.study.TransitionType.REPORT_PUBLISHED;
import static org.radflow.study.TransitionType.REPORT_SUPERSEDED;
import static org.radflow.study.TransitionType.STEP_COMPLETED;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.radflow.study.AdministrativeState;
import org.radflow.study.ClinicalState;
import org.radflow.study.DistributionState;
import org.radflow.study.IhiNumberStatus;
import org.radflow.study.IhiRecordStatus;
import org.radflow.study.ImagingState;
import org.radflow.study.OpenException;
import org.radflow.study.Study;
import org.radflow.study.TransitionType;

/**
 * What each step's outcome means for its study. Pure: the engine calls the external system, then
 * asks these rules what to commit. One place answers "what does a published document do to the
 * study?" and "when is a timer's deadline missed?".
 */
public final class StepRules {

  private StepRules() {}

  /**
   * What keeps a step from calling its system now, if anything. Forward steps of a cancelled study
   * are moot; steps whose result the study's obligations would refuse (publishing or claiming
   * before identity is validated) wait, so the external effect never happens before radflow may
   * record it.
   */
  public static java.util.Optional<Verdict> blocker(
      StepKind kind, Study study, java.time.Instant now, java.time.Duration ihiMaxAge) {
    if (kind.role() == StepKind.Role.FORWARD && study.isCancelled()) {
      return java.util.Optional.of(
          new Verdict.Moot("the study was cancelled before " + kind + " ran"));
    }
    boolean identityValidated = study.hasObserved(ClinicalState.IDENTITY_VALIDATED);
    Verdict blocker =
        switch (kind) {
          case SUBMIT_CLAIM ->
              identityValidated
                  ? null
                  : new Verdict.Wait("identity must be validated by radflow before " + kind);
          case PUBLISH_REPORT ->
              identityValidated
                  ? NationalRules.beforeUpload(kind, study, now, ihiMaxAge)
                  : new Verdict.Wait("identity must be validated by radflow before " + kind);
          case SUPERSEDE_REPORT ->
              study.distribution() == DistributionState.PUBLISHED
                      || study.distribution() == DistributionState.SUPERSEDED
                  ? NationalRules.beforeUpload(kind, study, now, ihiMaxAge)
                  : new Verdict.Wait("the report is not published yet");
          default -> null;
        };
    return java.util.Optional.ofNullable(blocker);
  }

  /** What a step's answer means. {@code stepId} names the step in the effects it records. */
  public static Verdict judge(StepKind kind, String stepId, Answer answer, Study study) {
    if (answer instanceof Answer.Done done) {
      return done(kind, stepId, done, study);
    }
    if (answer instanceof Answer.Refused refused) {
      String reason =
          kind
              + " refused by the "
              + service(kind)
              + ": "
              + refused.reason()
              + " ("
              + refused.code()
              + ")";
      if (kind == StepKind.VALIDATE_IDENTITY) {
        return identityException(stepId, refused.code(), refused.reason(), reason, study);
      }
      return new Verdict.Fail(reason, List.of(exception(kind, stepId, reason)));
    }
    if (answer instanceof Answer.Failed failed) {
      return new Verdict.Retry(failed.reason());
    }
    return new Verdict.Retry(((Answer.Unavailable) answer).reason());
  }

  /** The effects of a step that ran out of attempts. */
  public static Verdict exhausted(StepKind kind, String stepId, int attempts, String lastError) {
    String reason = kind + " gave up after " + attempts + " attempts; last error: " + lastError;
    return new Verdict.Fail(reason, List.of(exception(kind, stepId, reason)));
  }

  /**
   * An identity check that ended without a usable IHI: the study's identity is rejected (before it
   * was ever validated) or invalidated (a revalidation), and an exception names why.
   */
  private static Verdict identityException(
      String stepId, String code, String why, String reason, Study study) {
    List<Effect> effects = new ArrayList<>();
    if (study.clinical() == ClinicalState.ORDER_RECEIVED) {
      effects.add(Effect.of(IDENTITY_REJECTED, "reason", why));
    } else if (study.hasObserved(ClinicalState.IDENTITY_VALIDATED)) {
      effects.add(Effect.of(IDENTITY_INVALIDATED, "code", code, "reason", why));
    }
    effects.add(exception(StepKind.VALIDATE_IDENTITY, stepId, reason));
    return new Verdict.Fail(reason, effects);
  }

  /** A lookup the HI Service answered: is the IHI one radflow may use? */
  private static Verdict identity(String stepId, String ref, Answer.Done done, Study study) {
    Map<String, String> data = done.data();
    String ihi = data.getOrDefault("ihi", ref);
    IhiNumberStatus number = status(IhiNumberStatus.class, data.get("numberStatus"));
    IhiRecordStatus record = status(IhiRecordStatus.class, data.get("recordStatus"));
    if (number == null || record == null) {
      String reason =
          "the HI Service answered IHI "
              + ihi
              + " without a usable number status and record status ("
              + data.get("numberStatus")
              + ", "
              + data.get("recordStatus")
              + ")";
      return new Verdict.Retry(reason);
    }
    IhiRules.Judgement judgement = IhiRules.judge(ihi, number, record, data.get("resolvedTo"));
    if (judgement instanceof IhiRules.Judgement.Unusable unusable) {
      return identityException(
          stepId,
          unusable.code(),
          unusable.reason(),
          "VALIDATE_IDENTITY: " + unusable.reason() + " (" + unusable.code() + ")",
          study);
    }
    if (judgement instanceof IhiRules.Judgement.FollowResolved followed) {
      String broken =
          "IHI "
              + followed.from()
              + " is still RESOLVED after "
              + IhiRules.MAX_RESOLUTIONS
              + " resolutions; radflow follows no longer chains. Search again with the"
              + " patient's Medicare, DVA or identifying details";
      return identityException(stepId, "IHI_RESOLVED", broken, broken, study);
    }
    Map<String, String> validated = new java.util.LinkedHashMap<>();
    validated.put("ihi", ihi);
    validated.put("numberStatus", number.name());
    validated.put("recordStatus", record.name());
    if (data.containsKey("resolvedFrom")) {
      validated.put("resolvedFrom", data.get("resolvedFrom"));
    }
    boolean first =
        study.clinical() == ClinicalState.ORDER_RECEIVED
            || study.clinical() == ClinicalState.IDENTITY_EXCEPTION;
    return complete(ref, new Effect(first ? IDENTITY_VALIDATED : IDENTITY_REVALIDATED, validated));
  }

  private static <E extends Enum<E>> E status(Class<E> type, String value) {
    try {
      return value == null ? null : Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Effect exception(StepKind kind, String stepId, String reason) {
    OpenException.Kind exceptionKind =
        kind.isUndo() ? OpenException.Kind.COMPENSATION_FAILED : OpenException.Kind.STEP_FAILED;
    return Effect.of(
        EXCEPTION_RAISED, "kind", exceptionKind.name(), "reason", reason, "step", stepId);
  }

  private static Verdict done(StepKind kind, String stepId, Answer.Done done, Study study) {
    String ref = done.ref();
    return switch (kind) {
      case VALIDATE_IDENTITY -> identity(stepId, ref, done, study);
      case RESERVE_SLOT -> complete(ref, Effect.of(PROCEDURE_SCHEDULED, "slot", ref));
      case CONFIRM_STORAGE_COMMITMENT ->
          "true".equals(done.data().get("committed"))
              ? complete(ref, Effect.of(IMAGES_COMMITTED, "archive", ref))
              : new Verdict.Retry("the image archive has not committed the images yet");
      case PUBLISH_REPORT -> complete(ref, uploaded(REPORT_PUBLISHED, ref, done));
      case SUPERSEDE_REPORT -> complete(ref, uploaded(REPORT_SUPERSEDED, ref, done));
      case REMOVE_MISFILED_DOCUMENT ->
          complete(
              ref,
              Effect.of(
                  TransitionType.REPORT_REMOVED, "document", ref, "reason", "INCORRECT_IDENTITY"));
      case SEED_CHARGE -> complete(ref, Effect.of(CHARGE_SEEDED, "charge", ref));
      case SUBMIT_CLAIM -> complete(ref, Effect.of(CLAIM_SUBMITTED, "claim", ref));
      case FETCH_CLAIM_ANSWER -> claimAnswer(stepId, ref, done, study);
      case RECONCILE -> complete(ref, Effect.of(FINANCIALLY_RECONCILED, "claim", ref));
      case CREATE_WORKLIST_ENTRY,
          RELEASE_SLOT,
          REMOVE_WORKLIST_ENTRY,
          REMOVE_DOCUMENT,
          REVERSE_CHARGE ->
          complete(ref, recorded(kind, stepId, ref));
      default -> throw new IllegalArgumentException(kind + " makes no call");
    };
  }

  /** A document the national record accepted, with the report version it holds when known. */
  private static Effect uploaded(TransitionType type, String ref, Answer.Done done) {
    String version = done.data().get("version");
    return version == null
        ? Effect.of(type, "document", ref)
        : Effect.of(type, "document", ref, "reportVersion", version);
  }

  private static Verdict claimAnswer(String stepId, String ref, Answer.Done done, Study study) {
    String status = done.data().getOrDefault("status", "PENDING");
    return switch (status) {
      case "ACCEPTED" -> complete(ref, Effect.of(CLAIM_ACCEPTED, "claim", ref));
      case "REJECTED" ->
          claimRejected(
              stepId, ref, done.data().getOrDefault("reason", "rejected by the payer"), study);
      default -> new Verdict.Retry("billing has not answered claim " + ref + " yet");
    };
  }

  /**
   * A claim the payer rejected fails its step for a person: the claim needs correcting with the
   * payer (or the charge writing off), which no retry of radflow's can do. A redrive asks the payer
   * again. A study already in the claim exception (rejected again on a redrive) gets only the new
   * exception: a second CLAIM_REJECTED there would be held for a resubmission that is not coming.
   */
  private static Verdict claimRejected(String stepId, String ref, String why, Study study) {
    String reason =
        StepKind.FETCH_CLAIM_ANSWER
            + ": the payer rejected claim "
            + ref
            + ": "
            + why
            + ". Correct the claim with the payer, then redrive this step; or write the charge"
            + " off";
    List<Effect> effects = new ArrayList<>();
    if (study.administrative() != AdministrativeState.CLAIM_EXCEPTION) {
      effects.add(Effect.of(CLAIM_REJECTED, "claim", ref, "reason", why));
    }
    effects.add(exception(StepKind.FETCH_CLAIM_ANSWER, stepId, reason));
    return new Verdict.Fail(reason, effects);
  }

  /** A completed effect that moves no track, recorded so the history shows it. */
  private static Effect recorded(StepKind kind, String stepId, String ref) {
    return Effect.of(STEP_COMPLETED, "step", stepId, "kind", kind.name(), "ref", ref);
  }

  /**
   * A forward step whose call succeeded after its study was cancelled or compensated: the effect
   * happened, so it is recorded and undone rather than applied.
   */
  public static boolean needsUndoOnCompletion(StepKind kind, Study study) {
    return kind.role() == StepKind.Role.FORWARD
        && kind.undo().isPresent()
        && (study.isCancelled() || study.compensationRequested());
  }

  /** The record of an external effect that moves no track. */
  public static Effect recordedEffect(StepKind kind, String stepId, String ref) {
    return recorded(kind, stepId, ref);
  }

  /**
   * Why a step may not be redriven, if it may not: only a failed step can be, and not once its
   * study was cancelled or compensated (its forward steps would act for a study being undone), nor
   * a billing step once the charge was written off (a rejected claim's other way out). A failed
   * undo can always be redriven: finishing an undo is what a compensated study needs.
   */
  public static java.util.Optional<String> redriveRefusal(
      StepKind kind, String status, Study study) {
    if (!"FAILED".equals(status)) {
      return java.util.Optional.of(
          "only a failed step can be redriven; this " + kind + " step is " + status);
    }
    if (kind.role() == StepKind.Role.UNDO) {
      return java.util.Optional.empty();
    }
    if (study.isCancelled()) {
      return java.util.Optional.of(
          "study " + study.id() + " is cancelled; redriving " + kind + " would act for it again");
    }
    if (study.compensationRequested()) {
      return java.util.Optional.of(
          "study " + study.id() + " has been compensated; its completed steps were undone");
    }
    if (kind.service().orElse(null) == Service.BILLING
        && study.administrative() == AdministrativeState.WRITTEN_OFF) {
      return java.util.Optional.of(
          "study "
              + study.id()
              + "'s charge was written off; redriving "
              + kind
              + " would bill it");
    }
    return java.util.Optional.empty();
  }

  /**
   * Whether a change of the patient's details at its source (ADT^A08, A04) asks a step again: a
   * failed identity check of a study in the identity exception, since the details it could not
   * match may now match.
   */
  public static boolean redrivenByPatientUpdate(Study study, StepKind kind, StepStatus status) {
    return study.clinical() == org.radflow.study.ClinicalState.IDENTITY_EXCEPTION
        && kind == StepKind.VALIDATE_IDENTITY
        && status == StepStatus.FAILED;
  }

  private static Verdict complete(String ref, Effect effect) {
    return new Verdict.Complete(ref, List.of(effect));
  }

  /** A durable timer fires: did what it watches happen in time? */
  public static Verdict fire(StepKind timer, String stepId, Study study) {
    return switch (timer) {
      case IMAGES_COMMIT_DEADLINE ->
          study.imaging() == ImagingState.ACQUISITION_COMPLETE
              ? new Verdict.Complete(
                  null,
                  List.of(
                      Effect.of(IMAGES_MISSING_DETECTED),
                      deadline(stepId, "the image archive did not commit the images in time")))
              : new Verdict.Complete(null, List.of());
      case REPORT_TURNAROUND_DEADLINE ->
          (study.imaging() == ImagingState.IMAGES_COMMITTED
                      || study.imaging() == ImagingState.REPORT_PRELIMINARY)
                  && !study.isCancelled()
              ? new Verdict.Complete(
                  null,
                  List.of(
                      deadline(
                          stepId, "the report was not finalised within its turnaround target")))
              : new Verdict.Complete(null, List.of());
      case CLAIM_RESPONSE_DEADLINE ->
          study.administrative() == AdministrativeState.CLAIM_SUBMITTED
              ? new Verdict.Complete(
                  null, List.of(deadline(stepId, "billing did not answer the claim in time")))
              : new Verdict.Complete(null, List.of());
      default -> throw new IllegalArgumentException(timer + " is not a timer");
    };
  }

  private static Effect deadline(String stepId, String reason) {
    return Effect.of(
        EXCEPTION_RAISED,
        "kind",
        OpenException.Kind.DEADLINE_MISSED.name(),
        "reason",
        reason,
        "step",
        stepId);
  }

  private static String service(StepKind kind) {
    return kind.service().map(Service::description).orElse("timer");
  }
}
