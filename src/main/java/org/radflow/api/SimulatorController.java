package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.TreeMap;
import org.radflow.simulator.EmbeddedSimulators;
import org.radflow.simulator.SimulatorCluster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the embedded simulators listen, so a person can try faults against a running radflow. */
@RestController
@Tag(name = "services")
class SimulatorController {

  private final ObjectProvider<EmbeddedSimulators> simulators;

  SimulatorController(ObjectProvider<EmbeddedSimulators> simulators) {
    this.simulators = simulators;
  }

  /** The control API and each simulator's base URL. */
  public record SimulatorsView(String control, Map<String, String> services) {}

  @Allowed.Viewer
  @GetMapping("/api/v1/simulators")
  @Operation(
      summary = "The embedded simulators' URLs",
      description =
          "Present when radflow runs without service URLs: the simulators run in-process and"
              + " their control API takes faults (POST {control}/faults/{service}"
              + " {\\\"mode\\\":\\\"DOWN\\\"}). 404 when radflow calls real systems.")
  SimulatorsView simulators() {
    EmbeddedSimulators embedded = simulators.getIfAvailable();
    SimulatorCluster cluster = embedded == null ? null : embedded.cluster().orElse(null);
    if (cluster == null) {
      throw new ApiProblem(
          ProblemType.NO_SUCH_RESOURCE,
          "no embedded simulators: this radflow calls the services configured in"
              + " radflow.orchestration.services");
    }
    Map<String, String> services = new TreeMap<>();
    cluster.baseUrls().forEach((service, url) -> services.put(service.slug(), url.toString()));
    return new SimulatorsView(cluster.controlUrl().toString(), services);
  }
}
