package org.radflow.orchestration;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.radflow.national.IdentitySearch;
import org.radflow.national.RemovalReason;
import org.radflow.ports.CallContext;
import org.radflow.ports.PortOutcome;
import org.radflow.ports.Ports;
import org.radflow.study.Study;
import org.radflow.workflow.Answer;
import org.radflow.workflow.StepKind;

/**
 * Translates a claimed step into its port call and the port's outcome into the workflow's {@link
 * Answer}. Holds no workflow rule: what the answer means is {@code StepRules}'.
 */
final class StepCalls {

  private final Ports ports;

  StepCalls(Ports ports) {
    this.ports = ports;
  }

  /**
   * Calls the external system for {@code step}.
   *
   * @param earlierRef the external ref an earlier step of the study produced (the charge a claim is
   *     for, the claim to fetch, the document to supersede, the patient's IHI), by kind
   */
  Answer call(ClaimedStep step, Study study, Function<StepKind, Optional<String>> earlierRef) {
    CallContext context = new CallContext(step.idempotencyKey(), step.kind().callTimeout());
    String accession = study.businessKey().accessionNumber();
    String patientId = study.patient().id();
    String procedure = study.attributes().getOrDefault("procedure", "unspecified");
    PortOutcome outcome =
        switch (step.kind()) {
          case VALIDATE_IDENTITY ->
              ports
                  .identity()
                  .lookup(
                      context,
                      IdentitySearch.forSubject(
                              UUID.randomUUID(), study.patient().assigningAuthority(), patientId)
                          .toJson());
          case RESERVE_SLOT ->
              ports.scheduling().reserveSlot(context, accession, patientId, procedure);
          case CREATE_WORKLIST_ENTRY ->
              ports.worklist().createEntry(context, accession, patientId, procedure);
          case CONFIRM_STORAGE_COMMITMENT -> ports.archive().storageCommitment(context, accession);
          case PUBLISH_REPORT ->
              ports
                  .nationalRecord()
                  .upload(context, ReportPackages.first(study, ihi(earlierRef)).toJson());
          case SUPERSEDE_REPORT ->
              ports
                  .nationalRecord()
                  .upload(
                      context,
                      ReportPackages.amendment(study, ihi(earlierRef), currentDocument(earlierRef))
                          .toJson());
          case SEED_CHARGE -> ports.billing().seedCharge(context, accession, patientId, procedure);
          case SUBMIT_CLAIM ->
              ports.billing().submitClaim(context, required(earlierRef, StepKind.SEED_CHARGE));
          case FETCH_CLAIM_ANSWER ->
              ports.billing().claimStatus(context, required(earlierRef, StepKind.SUBMIT_CLAIM));
          case RECONCILE ->
              ports.billing().reconcile(context, required(earlierRef, StepKind.SUBMIT_CLAIM));
          case RELEASE_SLOT -> ports.scheduling().releaseSlot(context, step.targetRef());
          case REMOVE_WORKLIST_ENTRY -> ports.worklist().removeEntry(context, step.targetRef());
          case REMOVE_DOCUMENT ->
              ports.nationalRecord().remove(context, step.targetRef(), RemovalReason.WITHDRAWN);
          case REVERSE_CHARGE -> ports.billing().reverseCharge(context, step.targetRef());
          default -> throw new IllegalArgumentException(step.kind() + " makes no call");
        };
    return answer(outcome);
  }

  /** The IHI identity validation answered, which the interim package wiring files against. */
  // wiring replaced by the main engineer: the package retained when the report arrived.
  private static String ihi(Function<StepKind, Optional<String>> earlierRef) {
    return earlierRef.apply(StepKind.VALIDATE_IDENTITY).orElse(null);
  }

  /** The document an amendment replaces: the latest amendment's, else the first publication's. */
  private static String currentDocument(Function<StepKind, Optional<String>> earlierRef) {
    return earlierRef
        .apply(StepKind.SUPERSEDE_REPORT)
        .orElseGet(() -> required(earlierRef, StepKind.PUBLISH_REPORT));
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

  /** Which earlier step's ref a step continues from, if any. */
  static Optional<StepKind> continuesFrom(StepKind kind) {
    return Optional.ofNullable(
        Map.of(
                StepKind.SUPERSEDE_REPORT, StepKind.PUBLISH_REPORT,
                StepKind.SUBMIT_CLAIM, StepKind.SEED_CHARGE,
                StepKind.FETCH_CLAIM_ANSWER, StepKind.SUBMIT_CLAIM,
                StepKind.RECONCILE, StepKind.SUBMIT_CLAIM)
            .get(kind));
  }
}
