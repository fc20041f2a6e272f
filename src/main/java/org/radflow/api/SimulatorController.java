package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.radflow.simulator.EmbeddedSimulators;
import org.radflow.simulator.SimulatorCluster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which external systems this radflow simulates in-process. It names the services only: the
 * simulators and their control API take faults and state changes from anyone who can reach them,
 * without authentication, so their addresses are not advertised over the API. The operator running
 * radflow reads the control API's address from the startup log.
 */
@RestController
@Tag(name = "services")
class SimulatorController {

  private final ObjectProvider<EmbeddedSimulators> simulators;

  SimulatorController(ObjectProvider<EmbeddedSimulators> simulators) {
    this.simulators = simulators;
  }

  /** The simulated services, by slug. */
  public record SimulatorsView(List<String> services) {}

  @Allowed.Viewer
  @GetMapping("/api/v1/simulators")
  @Operation(
      summary = "The services simulated in-process",
      description =
          "Present when radflow runs without service URLs. The simulators' control API is not"
              + " advertised here: it has no authentication; its address is in radflow's startup"
              + " log. 404 when radflow calls real systems.")
  SimulatorsView simulators() {
    EmbeddedSimulators embedded = simulators.getIfAvailable();
    SimulatorCluster cluster = embedded == null ? null : embedded.cluster().orElse(null);
    if (cluster == null) {
      throw new ApiProblem(
          ProblemType.NO_SUCH_RESOURCE,
          "no embedded simulators: this radflow calls the services configured in"
              + " radflow.orchestration.services");
    }
    return new SimulatorsView(
        cluster.baseUrls().keySet().stream().map(service -> service.slug()).sorted().toList());
  }
}
