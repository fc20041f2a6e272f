package org.radflow.orchestration;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.radflow.lifecycle.StepPayloads;
import org.radflow.national.DocumentPackage;
import org.radflow.national.IdentitySearch;
import org.radflow.national.NationalRequests;
import org.radflow.national.RemovalReason;
import org.radflow.ports.CallContext;
import org.radflow.ports.PortOutcome;
import org.radflow.ports.Ports;
import org.radflow.study.Study;
import org.radflow.workflow.Answer;
import org.radflow.workflow.IhiRules;

/**
 * The calls to the national services, each sending the request its step retained: the search keys
 * for a lookup, the document package for an upload.
 *
 * <ul>
 *   <li>A lookup answered RESOLVED is followed: the same search by the surviving IHI, at most
 *       {@link IhiRules#MAX_RESOLUTIONS} times. The answer says which IHI it resolved from.
 *   <li>An upload sends its retained package unless the study's IHI or the document it replaces
 *       changed since the package was written; then the package with those brought up to date is
 *       retained in its place, so what was sent is what is kept.
 *   <li>My Health Record refusing a document id it already holds with this content is the upload
 *       having happened before (its answer was lost): the step is done, never uploaded twice.
 * </ul>
 */
final class NationalCalls {

  private final Ports ports;
  private final StepRequests requests;
  private final StepStore steps;
  private final Clock clock;

  NationalCalls(Ports ports, StepRequests requests, StepStore steps, Clock clock) {
    this.ports = ports;
    this.requests = requests;
    this.steps = steps;
    this.clock = clock;
  }

  Answer lookup(CallContext context, ClaimedStep step, Study study) {
    byte[] search =
        step.retainedRef() != null
            ? requests.read(step.retainedRef())
            : NationalRequests.searchBySubject(study);
    PortOutcome outcome = ports.identity().lookup(context, search);
    String resolvedFrom = null;
    for (int hop = 0; hop < IhiRules.MAX_RESOLUTIONS && resolvedTo(outcome).isPresent(); hop++) {
      PortOutcome.Done resolved = (PortOutcome.Done) outcome;
      String survivor = resolvedTo(outcome).get();
      resolvedFrom = resolvedFrom == null ? resolved.externalRef() : resolvedFrom;
      byte[] followUp =
          IdentitySearch.fromJson(search)
              .withIhi(survivor)
              .withRequestId(
                  UUID.nameUUIDFromBytes(
                      (new String(search, StandardCharsets.UTF_8) + "|" + survivor)
                          .getBytes(StandardCharsets.UTF_8)))
              .toJson();
      outcome = ports.identity().lookup(context, followUp);
    }
    Answer answer = StepCalls.answer(outcome);
    if (resolvedFrom != null && answer instanceof Answer.Done done) {
      Map<String, String> data = new LinkedHashMap<>(done.data());
      data.put("resolvedFrom", resolvedFrom);
      return new Answer.Done(done.ref(), data);
    }
    return answer;
  }

  Answer upload(CallContext context, ClaimedStep step, Study study) {
    NationalRequests builder = requests.builder();
    Optional<DocumentPackage> retained =
        step.retainedRef() != null
            ? Optional.of(DocumentPackage.fromJson(requests.read(step.retainedRef())))
            : builder.upload(step.kind(), study);
    if (retained.isEmpty()) {
      return new Answer.Refused(
          "NO_REPORT_BODY",
          "the report of study "
              + study.id()
              + " has no body radflow holds (a report reference blob://sha256/…, or OBX"
              + " segments of an ORU), so there is no document to publish; send the report with"
              + " its text and redrive, or withhold it from the national record");
    }
    DocumentPackage current = builder.current(retained.get(), step.kind(), study);
    byte[] body = current.toJson();
    if (current != retained.get() && requests.retainer().isPresent()) {
      StepPayloads.Retained again = requests.retainer().get().store(body);
      steps.retainAgain(step, again, clock.instant());
    }
    PortOutcome outcome = ports.nationalRecord().upload(context, body);
    String version = Integer.toString(current.version());
    if (outcome instanceof PortOutcome.Rejected rejected
        && "DUPLICATE_DOCUMENT".equals(rejected.code())) {
      return new Answer.Done(
          current.documentId(),
          Map.of("status", "CURRENT", "duplicate", "true", "version", version));
    }
    Answer answer = StepCalls.answer(outcome);
    if (answer instanceof Answer.Done done) {
      // which report version the record now holds: an amendment may have come meanwhile
      Map<String, String> data = new LinkedHashMap<>(done.data());
      data.put("version", version);
      return new Answer.Done(done.ref(), data);
    }
    return answer;
  }

  /**
   * An undo removes the document its forward step uploaded: withdrawn. A misfiled document (a merge
   * moved the study) is the one the study holds now: incorrect identity.
   */
  Answer remove(CallContext context, ClaimedStep step, Study study) {
    if (step.kind() == org.radflow.workflow.StepKind.REMOVE_DOCUMENT) {
      return StepCalls.answer(
          ports.nationalRecord().remove(context, step.targetRef(), RemovalReason.WITHDRAWN));
    }
    Optional<String> misfiled = study.publishedDocument();
    if (misfiled.isEmpty()) {
      return new Answer.Refused(
          "NO_DOCUMENT", "study " + study.id() + " holds no document at the national record");
    }
    return StepCalls.answer(
        ports.nationalRecord().remove(context, misfiled.get(), RemovalReason.INCORRECT_IDENTITY));
  }

  private static Optional<String> resolvedTo(PortOutcome outcome) {
    if (outcome instanceof PortOutcome.Done done
        && "RESOLVED".equals(done.data().get("numberStatus"))) {
      return Optional.ofNullable(done.data().get("resolvedTo")).filter(s -> !s.isBlank());
    }
    return Optional.empty();
  }
}
