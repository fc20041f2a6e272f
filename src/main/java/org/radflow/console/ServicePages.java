package org.radflow.console;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.radflow.api.Allowed;
import org.radflow.api.OperatorActions;
import org.radflow.api.OperatorRequest;
import org.radflow.api.ServiceView;
import org.radflow.orchestration.ServiceStatus;
import org.radflow.orchestration.ServiceStore;
import org.radflow.orchestration.StepStore;
import org.radflow.workflow.Service;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The external services: each one's health and the work suspended on it, and on its own page the
 * release (with a reason, a confirmation and, while it drains, its progress) and the release
 * policy, and its health history.
 */
@Controller
class ServicePages {

  /** Suspended steps listed on a service's page: the oldest, with the total counted beside. */
  static final int SUSPENDED_SHOWN = 50;

  /** Health changes listed on a service's page, newest first. */
  static final int HEALTH_CHANGES_SHOWN = 20;

  private final ServiceStore services;
  private final StepStore steps;
  private final OperatorActions actions;
  private final Clock clock;

  ServicePages(ServiceStore services, StepStore steps, OperatorActions actions, Clock clock) {
    this.services = services;
    this.steps = steps;
    this.actions = actions;
    this.clock = clock;
  }

  @Allowed.Viewer
  @GetMapping("/console/services")
  String services(Model model) {
    model.addAttribute("services", views());
    model.addAttribute("now", clock.instant());
    return "console/services";
  }

  @Allowed.Viewer
  @GetMapping("/console/services/{slug}")
  String service(@PathVariable String slug, Model model) {
    Service service = service(slug);
    model.addAttribute("s", view(service));
    model.addAttribute("suspended", steps.suspended(service, SUSPENDED_SHOWN));
    model.addAttribute("history", services.healthHistory(service, HEALTH_CHANGES_SHOWN));
    model.addAttribute("modes", ServiceStatus.ReleaseMode.values());
    return "console/service";
  }

  /** The drain's progress alone, which the service page asks for every 2 s while it releases. */
  @Allowed.Viewer
  @GetMapping("/console/services/{slug}/drain")
  String drain(@PathVariable String slug, Model model) {
    model.addAttribute("s", view(service(slug)));
    return "console/service :: drain";
  }

  @Allowed.Operator
  @PostMapping("/console/services/{slug}/release")
  String release(
      @PathVariable String slug,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String force,
      @RequestParam(required = false) String confirm,
      @RequestParam(required = false) String back,
      Principal caller,
      RedirectAttributes flash) {
    return ConsoleActions.perform(
        flash,
        back,
        () -> {
          if (confirm == null) {
            throw refused("tick \"I confirm\" to release: suspended work will start to flow");
          }
          ServiceStatus releasing =
              actions.release(slug, caller.getName(), new OperatorRequest(reason, force != null));
          return "releasing the "
              + releasing.service().description()
              + " at "
              + releasing.releasePerSecond()
              + " steps/s";
        });
  }

  @Allowed.Admin
  @PostMapping("/console/services/{slug}/release-policy")
  String releasePolicy(
      @PathVariable String slug,
      @RequestParam(required = false) String mode,
      @RequestParam(required = false) String perSecond,
      @RequestParam(required = false) String back,
      Principal caller,
      RedirectAttributes flash) {
    return ConsoleActions.perform(
        flash,
        back,
        () -> {
          ServiceStatus set =
              actions.releasePolicy(slug, mode(mode), rate(perSecond), caller.getName());
          return "the "
              + set.service().description()
              + " releases "
              + set.releaseMode()
              + " at "
              + set.releasePerSecond()
              + " steps/s";
        });
  }

  private List<ServiceView> views() {
    return ServiceView.all(services, services.unfinishedStepCounts(), clock.instant());
  }

  private ServiceView view(Service service) {
    return views().stream()
        .filter(v -> v.service().equals(service.slug()))
        .findFirst()
        .orElseThrow();
  }

  private static Service service(String slug) {
    try {
      return Service.fromSlug(slug);
    } catch (IllegalArgumentException e) {
      throw new ErrorResponseException(
          HttpStatus.NOT_FOUND,
          ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()),
          e);
    }
  }

  private static ServiceStatus.ReleaseMode mode(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return ServiceStatus.ReleaseMode.valueOf(text.strip());
    } catch (IllegalArgumentException e) {
      throw refused("mode must be AUTOMATIC or MANUAL, was '" + text + "'");
    }
  }

  private static Double rate(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Double.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw refused("per second must be a number above 0 and at most 10000, was '" + text + "'");
    }
  }

  private static ErrorResponseException refused(String detail) {
    return new ErrorResponseException(
        HttpStatus.BAD_REQUEST,
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail),
        null);
  }
}
