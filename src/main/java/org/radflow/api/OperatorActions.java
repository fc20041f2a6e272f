package org.radflow.api;

import java.time.Clock;
import java.util.UUID;
import org.radflow.blob.BlobException;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterChange;
import org.radflow.deadletter.DeadLetterReprocessor.Outcome;
import org.radflow.deadletter.DeadLetters;
import org.radflow.deadletter.Reprocessing;
import org.radflow.events.OutboxOperations;
import org.radflow.lifecycle.ApplyResult;
import org.radflow.orchestration.Orchestration;
import org.radflow.orchestration.Redrive;
import org.radflow.orchestration.ServiceStatus;
import org.radflow.orchestration.ServiceStore;
import org.radflow.study.StudyId;
import org.radflow.webhook.Redelivery;
import org.radflow.webhook.WebhookStore;
import org.radflow.workflow.Service;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every operator action as one adapter-level door, shared by the HTTP API and the console: the
 * reason checked, the feature's front door called with who acts, and each refusal turned into a
 * problem a person can act on ({@link org.springframework.web.ErrorResponseException}, whose detail
 * the console shows as it is). Who may act is checked by the callers' role annotations.
 */
@Component
public final class OperatorActions {

  private final ObjectProvider<Orchestration> orchestration;
  private final ServiceStore services;
  private final DeadLetters deadLetters;
  private final OutboxOperations outbox;
  private final WebhookStore webhooks;
  private final Clock clock;

  OperatorActions(
      ObjectProvider<Orchestration> orchestration,
      ServiceStore services,
      DeadLetters deadLetters,
      OutboxOperations outbox,
      WebhookStore webhooks,
      Clock clock) {
    this.orchestration = orchestration;
    this.services = services;
    this.deadLetters = deadLetters;
    this.outbox = outbox;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /** Redrives a failed step; the study continues from it. */
  public StepView redrive(String step, String actor, OperatorRequest request) {
    String reason = request.checked().reason();
    UUID id = ExceptionLane.stepId(step);
    Redrive result = running().redrive(id, actor, reason);
    if (result instanceof Redrive.Redriven redriven) {
      return StepView.of(redriven.step());
    }
    if (result instanceof Redrive.Refused refused) {
      throw new ApiProblem(ProblemType.ACTION_REFUSED, refused.reason()).with("step", step);
    }
    throw OrchestrationController.stepNotFound(id);
  }

  /** Stops a study's open steps and undoes its completed ones, newest first. */
  public StudyView compensate(String study, String actor, OperatorRequest request) {
    String reason = request.checked().reason();
    StudyId id = Problems.studyId(study);
    return studyOf(id, running().compensate(id, actor, reason));
  }

  /** Closes an open exception of a study with a note. */
  public StudyView resolve(String study, long exception, String actor, OperatorRequest request) {
    String reason = request.checked().reason();
    StudyId id = Problems.studyId(study);
    return studyOf(id, running().resolve(id, exception, actor, reason));
  }

  /** Starts draining a recovered (or, forced, a down) service's suspended steps. */
  public ServiceStatus release(String service, String actor, OperatorRequest request) {
    OperatorRequest checked = request.checked();
    Service target = ServiceController.service(service);
    ServiceStatus status = running().release(target, actor, checked.reason(), checked.forced());
    if (status.state() != ServiceStatus.State.RELEASING) {
      throw new ApiProblem(
              ProblemType.ACTION_REFUSED,
              "the "
                  + target.description()
                  + " is "
                  + status.state()
                  + (status.state() == ServiceStatus.State.DOWN
                      ? ": its recovery is not verified yet; wait for healthy probes or force"
                      : ": there is nothing to release"))
          .with("state", status.state().name());
    }
    return status;
  }

  /** Sets how a service's suspended steps are released; null keeps the current value. */
  public ServiceStatus releasePolicy(
      String service, ServiceStatus.ReleaseMode mode, Double perSecond, String actor) {
    Service target = ServiceController.service(service);
    ServiceStatus current =
        services.services().stream().filter(s -> s.service() == target).findFirst().orElseThrow();
    double rate = perSecond == null ? current.releasePerSecond() : perSecond;
    if (!(rate > 0) || rate > 10_000) {
      throw new ApiProblem(ProblemType.INVALID_FIELD, "perSecond must be above 0 and at most 10000")
          .with("field", "perSecond");
    }
    return services.configureRelease(
        target, mode == null ? current.releaseMode() : mode, rate, actor, clock.instant());
  }

  /** Processes a dead letter's raw message again through its channel. */
  public DeadLetterView.Reprocessed reprocess(long id, String actor, OperatorRequest request) {
    Reprocessing result = deadLetters.reprocess(id, actor, request.checked().reason());
    if (result instanceof Reprocessing.Done done) {
      DeadLetter letter = done.letter();
      if (done.outcome() instanceof Outcome.Accepted accepted) {
        return new DeadLetterView.Reprocessed(
            "ACCEPTED", accepted.summary(), DeadLetterView.of(letter));
      }
      if (done.outcome() instanceof Outcome.Rejected rejected) {
        throw DeadLetterProblems.rejected(letter, rejected.reason());
      }
      throw DeadLetterProblems.unavailable(letter, ((Outcome.Unavailable) done.outcome()).reason());
    }
    if (result instanceof Reprocessing.Refused refused) {
      throw DeadLetterProblems.refused(refused.letter(), refused.reason());
    }
    if (result instanceof Reprocessing.NoReprocessor none) {
      throw DeadLetterProblems.noReprocessor(none.letter());
    }
    throw DeadLetterProblems.notFound(id);
  }

  /** Closes an open dead letter without processing it; it is kept. */
  public DeadLetterView discard(long id, String actor, OperatorRequest request) {
    DeadLetterChange result = deadLetters.discard(id, actor, request.checked().reason());
    if (result instanceof DeadLetterChange.Changed changed) {
      return DeadLetterView.of(changed.letter());
    }
    if (result instanceof DeadLetterChange.Refused refused) {
      throw DeadLetterProblems.refused(refused.letter(), refused.reason());
    }
    throw DeadLetterProblems.notFound(id);
  }

  /** The raw message of a dead letter; the read is audited with who and why. */
  public DeadLetters.Raw raw(long id, String actor, String reason) {
    Fields.textParameter(reason, "reason", Fields.REASON);
    String why = reason == null || reason.isBlank() ? "read the raw message" : reason;
    try {
      return deadLetters.raw(id, actor, why).orElseThrow(() -> DeadLetterProblems.notFound(id));
    } catch (BlobException e) {
      throw DeadLetterProblems.unreadable(id, e);
    }
  }

  /** Puts a parked outbox event back in line. */
  public void unpark(long id, String actor, OperatorRequest request) {
    if (!outbox.unpark(id, actor, request.checked().reason(), clock.instant())) {
      throw new ApiProblem(ProblemType.ACTION_REFUSED, "outbox event " + id + " is not parked")
          .with("outboxId", id);
    }
  }

  /** Sends a dead webhook delivery again. */
  public WebhookDeliveryView redeliver(long id, String actor, OperatorRequest request) {
    Redelivery result = webhooks.redeliver(id, actor, request.checked().reason(), clock.instant());
    if (result instanceof Redelivery.Redelivered redelivered) {
      return WebhookDeliveryView.of(redelivered.delivery());
    }
    if (result instanceof Redelivery.Refused refused) {
      throw new ApiProblem(ProblemType.ACTION_REFUSED, refused.reason()).with("delivery", id);
    }
    throw new ApiProblem(ProblemType.NO_SUCH_RESOURCE, "no webhook delivery " + id)
        .with("id", Long.toString(id));
  }

  /**
   * The study after an operator's compensate or resolve, or why not. Both use a fresh idempotency
   * key and no expected version, so only committed, refused and not found can come back; the other
   * kinds are answered as not found, as they always were.
   */
  private static StudyView studyOf(StudyId study, ApplyResult result) {
    return result.fold(
        committed -> StudyView.of(committed.study()),
        duplicate -> {
          throw Problems.studyNotFound(study);
        },
        conflict -> {
          throw Problems.studyNotFound(study);
        },
        refused -> {
          throw new ApiProblem(ProblemType.ACTION_REFUSED, refused.message())
              .with("studyId", study.toString());
        },
        mismatch -> {
          throw Problems.studyNotFound(study);
        },
        tooLarge -> {
          throw Problems.studyNotFound(study);
        },
        notFound -> {
          throw Problems.studyNotFound(study);
        });
  }

  private Orchestration running() {
    Orchestration running = orchestration.getIfAvailable();
    if (running == null) {
      throw new ApiProblem(
          ProblemType.ORCHESTRATION_OFF,
          "orchestration is disabled on this node (radflow.orchestration.enabled=false);"
              + " send operator actions to a node that runs it");
    }
    return running;
  }
}
