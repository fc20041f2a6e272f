package org.radflow.console;

import java.security.Principal;
import java.util.List;
import org.radflow.api.Allowed;
import org.radflow.api.HistoryView;
import org.radflow.api.OperatorActions;
import org.radflow.api.StepView;
import org.radflow.api.StudyView;
import org.radflow.lifecycle.StudyReads;
import org.radflow.orchestration.ServiceStore;
import org.radflow.orchestration.StepRecord;
import org.radflow.orchestration.StepStore;
import org.radflow.study.EndToEndStatus;
import org.radflow.study.Study;
import org.radflow.study.StudyId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One study, everything about it on one page, and the actions on it: redrive a failed step,
 * compensate the study, resolve an exception. The actions go through {@link OperatorActions}, so
 * they are checked, refused and audited exactly as the API's.
 */
@Controller
class StudyPageController {

  private final StudyReads studies;
  private final StepStore steps;
  private final ServiceStore services;
  private final OperatorActions actions;

  StudyPageController(
      StudyReads studies, StepStore steps, ServiceStore services, OperatorActions actions) {
    this.studies = studies;
    this.steps = steps;
    this.services = services;
    this.actions = actions;
  }

  @Allowed.Viewer
  @GetMapping("/console/studies/{id}")
  String study(@PathVariable String id, Model model) {
    StudyId studyId = studyId(id);
    Study study = studies.find(studyId).orElseThrow(() -> notFound(id));
    List<StepRecord> records = steps.steps(studyId);
    EndToEndStatus status = StepRecord.statusOf(study, records);
    StudyPage page =
        StudyPage.of(
            new StudyPage.Parts(
                StudyView.of(study, status),
                status,
                records.stream().map(StepView::of).toList(),
                HistoryView.of(id, studies.history(studyId)).entries(),
                services.services()));
    model.addAttribute("page", page);
    model.addAttribute("self", "/console/studies/" + studyId);
    return "console/study";
  }

  @Allowed.Operator
  @PostMapping("/console/steps/{step}/redrive")
  String redrive(
      @PathVariable String step, ActionForm form, Principal caller, RedirectAttributes flash) {
    return form.perform(
        flash,
        () -> {
          StepView redriven = actions.redrive(step, caller.getName(), form.request());
          return "step " + redriven.kind() + " redriven: it is " + redriven.status() + " again";
        });
  }

  @Allowed.Operator
  @PostMapping("/console/studies/{id}/compensate")
  String compensate(
      @PathVariable String id, ActionForm form, Principal caller, RedirectAttributes flash) {
    return form.perform(
        flash,
        () -> {
          StudyView study = actions.compensate(id, caller.getName(), form.request());
          return "study "
              + study.accessionNumber()
              + " is being compensated: its open steps stop and its completed ones are undone";
        });
  }

  @Allowed.Operator
  @PostMapping("/console/studies/{id}/exceptions/{exception}/resolve")
  String resolve(
      @PathVariable String id,
      @PathVariable long exception,
      ActionForm form,
      Principal caller,
      RedirectAttributes flash) {
    return form.perform(
        flash,
        () -> {
          StudyView study = actions.resolve(id, exception, caller.getName(), form.request());
          return "exception " + exception + " of study " + study.accessionNumber() + " resolved";
        });
  }

  private static StudyId studyId(String id) {
    try {
      return StudyId.parse(id);
    } catch (IllegalArgumentException e) {
      throw notFound(id);
    }
  }

  private static ErrorResponseException notFound(String id) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "radflow has no study " + id);
    problem.setTitle("No such study");
    return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
  }
}
