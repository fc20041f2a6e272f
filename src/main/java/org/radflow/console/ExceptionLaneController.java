package org.radflow.console;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.radflow.api.Allowed;
import org.radflow.api.Choices;
import org.radflow.api.ExceptionItem;
import org.radflow.api.ExceptionLane;
import org.radflow.api.OperatorActions;
import org.radflow.api.OperatorRequest;
import org.radflow.lifecycle.StudyReads;
import org.radflow.orchestration.StepStore;
import org.radflow.study.OpenException;
import org.radflow.workflow.Service;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The exception lane: what needs a person, oldest first, filtered by kind, service and age, and the
 * actions that apply, on one item or on several selected ones with one reason. Each item is acted
 * on by itself, so one refusal stops nothing else and is reported with its study.
 */
@Controller
class ExceptionLaneController {

  private final ExceptionLane lane;
  private final OperatorActions actions;
  private final Clock clock;

  ExceptionLaneController(
      StudyReads studies, StepStore steps, OperatorActions actions, Clock clock) {
    this.lane = new ExceptionLane(studies, steps);
    this.actions = actions;
    this.clock = clock;
  }

  /** The actions a person can choose for selected items. */
  enum Action {
    REDRIVE,
    COMPENSATE,
    RESOLVE
  }

  @Allowed.Viewer
  @GetMapping("/console/exceptions")
  String lane(
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String minAgeMinutes,
      HttpServletRequest request,
      Model model) {
    String query = request.getQueryString();
    model.addAttribute("self", "/console/exceptions" + (query == null ? "" : "?" + query));
    model.addAttribute("kinds", Arrays.asList(OpenException.Kind.values()));
    model.addAttribute("services", Arrays.asList(Service.values()));
    model.addAttribute("kind", kind);
    model.addAttribute("service", service);
    model.addAttribute("minAgeMinutes", minAgeMinutes);
    try {
      ExceptionLane.Filter filter =
          new ExceptionLane.Filter(
              Choices.of(OpenException.Kind.class, "kind", kind),
              Choices.of(Service.class, "service", service),
              age(minAgeMinutes),
              StudySearchController.PAGE_SIZE);
      model.addAttribute(
          "items", lane.list(filter, clock.instant()).stream().map(LaneRow::of).toList());
    } catch (ErrorResponseException refused) {
      model.addAttribute("refusal", refused.getBody().getDetail());
      model.addAttribute("items", List.of());
    } catch (IllegalArgumentException refused) {
      model.addAttribute("refusal", refused.getMessage());
      model.addAttribute("items", List.of());
    }
    return "console/exceptions";
  }

  @Allowed.Operator
  @PostMapping("/console/exceptions/act")
  String act(
      @RequestParam(required = false) String action,
      @RequestParam(required = false) List<String> item,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String back,
      Principal caller,
      RedirectAttributes flash) {
    String where = ConsoleActions.local(back);
    Action chosen = chosen(action);
    if (chosen == null) {
      flash.addFlashAttribute("flashError", "choose an action: redrive, compensate or resolve");
      return "redirect:" + where;
    }
    if (item == null || item.isEmpty()) {
      flash.addFlashAttribute("flashError", "select at least one item to " + label(chosen));
      return "redirect:" + where;
    }
    List<String> refusals = new ArrayList<>();
    Set<String> compensated = new LinkedHashSet<>();
    int done = 0;
    for (String selected : new LinkedHashSet<>(item)) {
      LaneItem target = LaneItem.parse(selected);
      if (target == null) {
        refusals.add("'" + selected + "' is not an item of the lane");
        continue;
      }
      if (chosen == Action.COMPENSATE && !compensated.add(target.study())) {
        continue; // one compensation undoes the whole study, whichever of its items was picked
      }
      try {
        perform(chosen, target, caller.getName(), reason);
        done++;
      } catch (ErrorResponseException e) {
        refusals.add("study " + target.study() + ": " + e.getBody().getDetail());
      }
    }
    if (done > 0) {
      flash.addFlashAttribute(
          "flashOk", label(chosen) + ": " + done + (done == 1 ? " item done" : " items done"));
    }
    if (!refusals.isEmpty()) {
      flash.addFlashAttribute(
          "flashError", refusals.size() + " refused — " + String.join("; ", refusals));
    }
    return "redirect:" + where;
  }

  private void perform(Action action, LaneItem target, String actor, String reason) {
    OperatorRequest request = new OperatorRequest(reason, null);
    switch (action) {
      case REDRIVE -> {
        if (target.step() == null) {
          ProblemDetail refusal =
              ProblemDetail.forStatusAndDetail(
                  HttpStatus.UNPROCESSABLE_ENTITY,
                  "exception "
                      + target.exception()
                      + " concerns no step: there is none to redrive");
          throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, refusal, null);
        }
        actions.redrive(target.step(), actor, request);
      }
      case COMPENSATE -> actions.compensate(target.study(), actor, request);
      case RESOLVE -> actions.resolve(target.study(), target.exception(), actor, request);
    }
  }

  /** An item of the lane with the value its checkbox sends. */
  record LaneRow(ExceptionItem item, String value) {

    static LaneRow of(ExceptionItem item) {
      return new LaneRow(item, LaneItem.of(item));
    }
  }

  /**
   * One selected item as its checkbox sends it: {@code study/exception/step}, the step empty when
   * the exception concerns none.
   */
  record LaneItem(String study, long exception, String step) {

    static String of(ExceptionItem item) {
      return item.studyId()
          + "/"
          + item.exception()
          + "/"
          + (item.step() == null ? "" : item.step());
    }

    static LaneItem parse(String value) {
      String[] parts = value.split("/", -1);
      if (parts.length != 3) {
        return null;
      }
      try {
        return new LaneItem(
            parts[0], Long.parseLong(parts[1]), parts[2].isEmpty() ? null : parts[2]);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  private static Action chosen(String action) {
    return Arrays.stream(Action.values())
        .filter(a -> a.name().equals(action))
        .findFirst()
        .orElse(null);
  }

  private static String label(Action action) {
    return action.name().toLowerCase();
  }

  private static Duration age(String minutes) {
    if (minutes == null || minutes.isBlank()) {
      return null;
    }
    try {
      long value = Long.parseLong(minutes.trim());
      if (value < 0 || value > 525_600) {
        throw new IllegalArgumentException("minimum age must be 0 to 525600 minutes (a year)");
      }
      return Duration.ofMinutes(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("minimum age is a whole number of minutes");
    }
  }
}
