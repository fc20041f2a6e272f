package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.radflow.orchestration.ServiceStatus;
import org.radflow.orchestration.ServiceStore;
import org.radflow.workflow.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The external services: their health, their suspended work, and its release. */
@RestController
@Tag(name = "services", description = "Health of the external services and suspended work")
class ServiceController {

  private final ServiceStore store;
  private final OperatorActions actions;
  private final java.time.Clock clock;

  ServiceController(ServiceStore store, OperatorActions actions, java.time.Clock clock) {
    this.store = store;
    this.actions = actions;
    this.clock = clock;
  }

  @Allowed.Viewer
  @GetMapping("/api/v1/services")
  @Operation(
      summary =
          "Every service's health since when, its steps by status, and its suspended work (count,"
              + " oldest age, urgent count, release drain progress)")
  List<ServiceView> services() {
    return ServiceView.all(store, store.stepCounts(), clock.instant());
  }

  @Allowed.Operator
  @PostMapping("/api/v1/services/{service}/release")
  @Operation(
      summary = "Release a recovered service's suspended steps",
      description =
          "Starts draining its suspended steps at the service's release rate. Refused (422) unless"
              + " recovery was verified by probes; {\"force\": true} releases a service still"
              + " marked down. Audited.")
  ServiceView release(
      @PathVariable String service, @RequestBody OperatorRequest body, Principal caller) {
    return view(actions.release(service, caller.getName(), body));
  }

  @Allowed.Admin
  @PutMapping("/api/v1/services/{service}/release-policy")
  @Operation(
      summary = "Set how a service's suspended steps are released (AUTOMATIC or MANUAL, rate)")
  ServiceView releasePolicy(
      @PathVariable String service, @RequestBody ReleasePolicyRequest body, Principal caller) {
    return view(actions.releasePolicy(service, body.mode(), body.perSecond(), caller.getName()));
  }

  private ServiceView view(ServiceStatus status) {
    return ServiceView.of(
        status,
        store.stepCounts().get(status.service()),
        store.suspendedWork().get(status.service()),
        clock.instant());
  }

  static Service service(String slug) {
    try {
      return Service.fromSlug(slug);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.UNKNOWN_VALUE, e.getMessage()).with("service", slug);
    }
  }
}
