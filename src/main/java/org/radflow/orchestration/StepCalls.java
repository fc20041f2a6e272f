package org.radflow.orchestration;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.radflow.blob.BlobException;
import org.radflow.ports.CallContext;
import org.radflow.ports.PortOutcome;
import org.radflow.ports.Ports;
import org.radflow.study.Study;
import org.radflow.workflow.Answer;
import org.radflow.workflow.StepKind;

/**
 * Translates a claimed step into its port call and the port's outcome into the workflow's {@link
 * Answer}. Holds no workflow rule: what the answer means is {@code StepRules}'. The national steps
 * send the request they retained when they were written ({@link NationalCalls}).
 */
final class StepCalls {

  private final Ports ports;
  private final NationalCalls national;

  StepCalls(Ports ports, StepRequests requests, StepStore steps, Clock clock) {
    this.ports = ports;
    this.national = new NationalCalls(ports, requests, steps, clock);
  }

  /**
   * Calls the external system for {@code step}.
   *
   * @param earlierRef the external ref an earlier step of the study produced (the charge a claim is
   *     for, the claim to fetch), by kind
   * @param traceparent the call's span, sent to the system as header {@code traceparent}, or null
   */
  Answer call(
      ClaimedStep step,
      Study study,
      Function<StepKind, Optional<String>> earlierRef,
      String traceparent) {
    CallContext context =
        new CallContext(step.idempotencyKey(), step.kind().callTimeout(), traceparent);
    String accession = study.businessKey().accessionNumber();
    String patientId = study.patient().id();
    String procedure = study.attributes().getOrDefault("procedure", "unspecified");
    try {
      return switch (step.kind()) {
        case VALIDATE_IDENTITY -> national.lookup(context, step, study);
        case PUBLISH_REPORT, SUPERSEDE_REPORT -> national.upload(context, step, study);
        case REMOVE_DOCUMENT, REMOVE_MISFILED_DOCUMENT -> national.remove(context, step, study);
        default -> answer(call(step, context, accession, patientId, procedure, earlierRef));
      };
    } catch (BlobException.Unavailable e) {
      return new Answer.Failed("the retained request could not be read: " + e.getMessage());
    } catch (BlobException e) {
      return new Answer.Refused(
          "RETAINED_REQUEST_UNREADABLE",
          "the request this step retained cannot be read ("
              + e.getMessage()
              + "); restore the blob or its key (RADFLOW_BLOB_KEYS) and redrive the step");
    }
  }

  private PortOutcome call(
      ClaimedStep step,
      CallContext context,
      String accession,
      String patientId,
      String procedure,
      Function<StepKind, Optional<String>> earlierRef) {
    return switch (step.kind()) {
      case RESERVE_SLOT -> ports.scheduling().reserveSlot(context, accession, patientId, procedure);
      case CREATE_WORKLIST_ENTRY ->
          ports.worklist().createEntry(context, accession, patientId, procedure);
      case CONFIRM_STORAGE_COMMITMENT -> ports.archive().storageCommitment(context, accession);
      case SEED_CHARGE -> ports.billing().seedCharge(context, accession, patientId, procedure);
      case SUBMIT_CLAIM ->
          ports.billing().submitClaim(context, required(earlierRef, StepKind.SEED_CHARGE));
      case FETCH_CLAIM_ANSWER ->
          ports.billing().claimStatus(context, required(earlierRef, StepKind.SUBMIT_CLAIM));
      case RECONCILE ->
          ports.billing().reconcile(context, required(earlierRef, StepKind.SUBMIT_CLAIM));
      case RELEASE_SLOT -> ports.scheduling().releaseSlot(context, step.targetRef());
      case REMOVE_WORKLIST_ENTRY -> ports.worklist().removeEntry(context, step.targetRef());
      case REVERSE_CHARGE -> ports.billing().reverseCharge(context, step.targetRef());
      default -> throw new IllegalArgumentException(step.kind() + " makes no call");
    };
  }

  private static String required(Function<StepKind, Optional<String>> earlierRef, StepKind kind) {
    return earlierRef
        .apply(kind)
        .orElseThrow(
            () -> new IllegalStateException("no completed " + kind + " step to continue from"));
  }

  static Answer answer(PortOutcome outcome) {
    if (outcome instanceof PortOutcome.Done done) {
      return new Answer.Done(done.externalRef(), done.data());
    }
    if (outcome instanceof PortOutcome.Rejected rejected) {
      return new Answer.Refused(rejected.code(), rejected.reason());
    }
    if (outcome instanceof PortOutcome.Failed failed) {
      return new Answer.Failed(failed.reason());
    }
    return new Answer.Unavailable(((PortOutcome.Unavailable) outcome).reason());
  }
}
