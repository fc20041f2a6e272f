package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.radflow.orchestration.Orchestration;
import org.radflow.orchestration.ServiceStatus;
import org.radflow.orchestration.ServiceStore;
import org.radflow.orchestration.SuspendedWork;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepStatus;
import org.springframework.beans.factory.ObjectProvider;
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
  private final ObjectProvider<Orchestration> orchestration;
  private final java.time.Clock clock;

  ServiceController(
      ServiceStore store, ObjectProvider<Orchestration> orchestration, java.time.Clock clock) {
    this.store = store;
    this.orchestration = orchestration;
    this.clock = clock;
  }

  @Allowed.Viewer
  @GetMapping("/api/v1/services")
  @Operation(
      summary =
          "Every service's health since when, its steps by status, and its suspended work (count,"
              + " oldest age, urgent count, release drain progress)")
  List<ServiceView> services() {
    Map<Service, Map<StepStatus, Long>> counts = store.stepCounts();
    Map<Service, SuspendedWork> suspended = store.suspendedWork();
    java.time.Instant now = clock.instant();
    return store.services().stream()
        .map(s -> ServiceView.of(s, counts.get(s.service()), suspended.get(s.service()), now))
        .toList();
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
    OperatorRequest request = body.checked();
    Service target = service(service);
    Orchestration running = orchestration.getIfAvailable();
    if (running == null) {
      throw new ApiProblem(ProblemType.ORCHESTRATION_OFF, "orchestration is disabled on this node");
    }
    ServiceStatus status =
        running.release(target, caller.getName(), request.reason(), request.forced());
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
    return view(status);
  }

  @Allowed.Admin
  @PutMapping("/api/v1/services/{service}/release-policy")
  @Operation(
      summary = "Set how a service's suspended steps are released (AUTOMATIC or MANUAL, rate)")
  ServiceView releasePolicy(
      @PathVariable String service, @RequestBody ReleasePolicyRequest body, Principal caller) {
    Service target = service(service);
    ServiceStatus current =
        store.services().stream().filter(s -> s.service() == target).findFirst().orElseThrow();
    double rate = body.perSecond() == null ? current.releasePerSecond() : body.perSecond();
    if (!(rate > 0) || rate > 10_000) {
      throw new ApiProblem(ProblemType.INVALID_FIELD, "perSecond must be above 0 and at most 10000")
          .with("field", "perSecond");
    }
    ServiceStatus.ReleaseMode mode = body.mode() == null ? current.releaseMode() : body.mode();
    return view(store.configureRelease(target, mode, rate, caller.getName(), clock.instant()));
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
