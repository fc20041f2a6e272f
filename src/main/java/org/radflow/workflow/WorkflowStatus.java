package org.radflow.workflow;

import java.util.List;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.Study;

/**
 * A study's end-to-end status with its open steps taken into account: the model's status says what
 * the tracks await; the steps say which service is actually being called, or is suspended.
 */
public final class WorkflowStatus {

  /** An open step, as much of it as the status needs. */
  public record OpenStep(StepKind kind, StepStatus status) {}

  private WorkflowStatus() {}

  public static EndToEndStatus of(Study study, List<OpenStep> steps) {
    EndToEndStatus status = withSteps(study, steps);
    if (study.publicationWithheld().isEmpty()) {
      return status;
    }
    // A report withheld from the national record stays said, whichever service is being called.
    List<String> reasons = new java.util.ArrayList<>(status.reasons());
    study
        .publicationWithheld()
        .map(why -> "the report is not sent to the national record: " + why)
        .filter(reason -> !reasons.contains(reason))
        .ifPresent(reasons::add);
    return new EndToEndStatus(status.kind(), status.waitingOn(), reasons);
  }

  private static EndToEndStatus withSteps(Study study, List<OpenStep> steps) {
    EndToEndStatus base = study.status();
    switch (base.kind()) {
      case IN_EXCEPTION, CANCELLED, FINANCIALLY_COMPLETE, SUSPENDED -> {
        return base; // what needs a person, or is over, outranks work in flight
      }
      default -> {}
    }
    for (OpenStep step : steps) {
      if (step.status() == StepStatus.SUSPENDED && step.kind().service().isPresent()) {
        Service service = step.kind().service().get();
        return new EndToEndStatus(
            EndToEndStatus.Kind.SUSPENDED,
            service.slug(),
            List.of(step.kind() + " is suspended while the " + service.description() + " is down"));
      }
    }
    for (OpenStep step : steps) {
      boolean inFlight = step.status() == StepStatus.PENDING || step.status() == StepStatus.RUNNING;
      if (inFlight && !step.kind().isTimer() && step.kind().service().isPresent()) {
        Service service = step.kind().service().get();
        if (base.kind() == EndToEndStatus.Kind.WAITING && service.slug().equals(base.waitingOn())) {
          return base; // the model already names it, in its own words
        }
        return new EndToEndStatus(
            EndToEndStatus.Kind.WAITING,
            service.slug(),
            List.of("waiting for the " + service.description() + ": " + step.kind()));
      }
    }
    return base;
  }
}
