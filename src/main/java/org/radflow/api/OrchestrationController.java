package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.radflow.audit.AuditQuery;
import org.radflow.audit.AuditTrail;
import org.radflow.lifecycle.StudyReads;
import org.radflow.orchestration.StepStore;
import org.radflow.study.OpenException;
import org.radflow.study.StudyId;
import org.radflow.workflow.Policies;
import org.radflow.workflow.Policy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The steps of studies, the exception lane, and the operator actions on them. */
@RestController
@Tag(name = "orchestration", description = "Steps, the exception lane and operator actions")
class OrchestrationController {

  private static final int MAX_LIMIT = 1000;

  /** A hundred years: older than any exception, and far from overflowing the clock's arithmetic. */
  private static final long MAX_AGE_SECONDS = 100L * 366 * 24 * 3600;

  private final StudyReads studies;
  private final StepStore steps;
  private final AuditTrail audit;
  private final OperatorActions actions;
  private final ExceptionLane lane;
  private final Clock clock;
  private final AuditedReads reads;

  OrchestrationController(
      StudyReads studies,
      StepStore steps,
      AuditTrail audit,
      OperatorActions actions,
      Clock clock,
      AuditedReads reads) {
    this.studies = studies;
    this.steps = steps;
    this.actions = actions;
    this.lane = new ExceptionLane(studies, steps);
    this.audit = audit;
    this.clock = clock;
    this.reads = reads;
  }

  @Allowed.Viewer
  @GetMapping("/api/v1/studies/{id}/steps")
  @Operation(summary = "The orchestration steps of a study, oldest first")
  List<StepView> steps(@PathVariable String id) {
    StudyId study = Problems.studyId(id);
    if (studies.find(study).isEmpty()) {
      throw Problems.studyNotFound(study);
    }
    return steps.steps(study).stream().map(StepView::of).toList();
  }

  @Allowed.Viewer
  @GetMapping("/api/v1/steps/{step}")
  @Operation(summary = "One step")
  StepView step(@PathVariable String step) {
    UUID id = ExceptionLane.stepId(step);
    return steps.step(id).map(StepView::of).orElseThrow(() -> stepNotFound(id));
  }

  @Allowed.Viewer
  @GetMapping("/api/v1/exceptions")
  @Operation(
      summary = "The exception lane",
      description =
          "Every open exception, oldest first, with its age, study, step and the actions that"
              + " apply. Filter by kind, by the step's service, and by minimum age in seconds.")
  List<ExceptionItem> exceptions(
      @RequestParam(required = false) OpenException.Kind kind,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) Long olderThanSeconds,
      @RequestParam(defaultValue = "100") int limit) {
    Fields.range(limit, "limit", 1, MAX_LIMIT);
    if (olderThanSeconds != null) {
      Fields.range(olderThanSeconds, "olderThanSeconds", 0, MAX_AGE_SECONDS);
    }
    return lane.list(
        new ExceptionLane.Filter(
            kind,
            service == null ? null : ServiceController.service(service),
            olderThanSeconds == null ? null : Duration.ofSeconds(olderThanSeconds),
            limit),
        clock.instant());
  }

  @Allowed.Operator
  @PostMapping("/api/v1/steps/{step}/redrive")
  @Operation(
      summary = "Redrive a failed step",
      description =
          "The study continues from this step; completed steps are not repeated. Refused (422) for"
              + " a step that did not fail, or whose study is cancelled or compensated.")
  StepView redrive(@PathVariable String step, @RequestBody OperatorRequest body, Principal caller) {
    return actions.redrive(step, caller.getName(), body);
  }

  @Allowed.Operator
  @PostMapping("/api/v1/studies/{id}/compensate")
  @Operation(
      summary = "Compensate a study",
      description =
          "Stops its open steps and undoes its completed ones, newest first. A failed undo goes to"
              + " the exception lane.")
  StudyView compensate(
      @PathVariable String id, @RequestBody OperatorRequest body, Principal caller) {
    return actions.compensate(id, caller.getName(), body);
  }

  @Allowed.Operator
  @PostMapping("/api/v1/studies/{id}/exceptions/{exception}/resolve")
  @Operation(summary = "Resolve an open exception with a note")
  StudyView resolve(
      @PathVariable String id,
      @PathVariable long exception,
      @RequestBody OperatorRequest body,
      Principal caller) {
    return actions.resolve(id, exception, caller.getName(), body);
  }

  @Allowed.Auditor
  @GetMapping("/api/v1/audit")
  @Operation(
      summary = "Operator actions, newest first",
      description =
          "Every given criterion must match. Pages continue with before=<id of the previous page's"
              + " last action>; an action recorded meanwhile does not shift them.")
  List<AuditView> audit(
      @RequestParam(required = false) String study,
      @Parameter(description = "who acted, exactly as audited") @RequestParam(required = false)
          String actor,
      @Parameter(description = "the action's name, e.g. REDRIVE") @RequestParam(required = false)
          String action,
      @Parameter(description = "recorded at or after (ISO-8601)") @RequestParam(required = false)
          String from,
      @Parameter(description = "recorded before (ISO-8601)") @RequestParam(required = false)
          String to,
      @Parameter(description = "actions with a smaller id than this")
          @RequestParam(required = false)
          Long before,
      @RequestParam(defaultValue = "100") int limit,
      Principal caller) {
    AuditQuery query =
        AuditSearch.query(
            study,
            actor,
            action,
            Fields.instantParameter("from", from),
            Fields.instantParameter("to", to),
            before,
            limit);
    reads.record(
        caller, "read-audit", study == null ? "all studies" : "study " + study, "read the audit");
    return audit.actions(query).stream().map(AuditView::of).toList();
  }

  @Allowed.Viewer
  @GetMapping("/api/v1/policies")
  @Operation(summary = "The workflow's policies: which steps start when a study changes")
  List<String> policies() {
    return Policies.ALL.stream().map(Policy::describe).toList();
  }

  static ApiProblem stepNotFound(UUID id) {
    return new ApiProblem(
            ProblemType.STEP_NOT_FOUND,
            "no step with id " + id + "; list a study's steps with GET /api/v1/studies/{id}/steps")
        .with("step", id.toString());
  }
}
