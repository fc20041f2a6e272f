package org.radflow.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.radflow.simulator.Fault;
import org.radflow.simulator.SimulatorCluster;
import org.radflow.workflow.Service;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The outside world an end-to-end test runs radflow in: every external system as a simulator on
 * loopback, and a fresh {@code radflow.home} of its own. One place wires radflow to it, so each
 * test class states only the settings it differs in.
 *
 * <p>A {@code @SpringBootTest} class starts it in its {@code @DynamicPropertySource} (the
 * simulators must be listening before the context reads their URLs) and closes it in
 * {@code @AfterAll}; a test that starts radflow itself passes {@link #properties()} to it.
 */
public final class SimulatedWorld implements AutoCloseable {

  private final SimulatorCluster simulators;
  private final Path home;

  private SimulatedWorld(SimulatorCluster simulators, Path home) {
    this.simulators = simulators;
    this.home = home;
  }

  /** Starts the simulators and makes an empty home named after {@code homePrefix}. */
  public static SimulatedWorld start(String homePrefix) throws IOException {
    SimulatorCluster simulators = SimulatorCluster.start(InetAddress.getLoopbackAddress());
    try {
      return new SimulatedWorld(simulators, Files.createTempDirectory(homePrefix));
    } catch (IOException | RuntimeException e) {
      simulators.close();
      throw e;
    }
  }

  /**
   * What every test in this world needs: the home, each service's simulator URL, and a 200 ms probe
   * so an outage and a recovery are noticed within a test's patience.
   */
  public Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("radflow.home", home.toString());
    for (Map.Entry<Service, URI> url : simulators.baseUrls().entrySet()) {
      properties.put(
          "radflow.orchestration.services." + url.getKey().slug(), url.getValue().toString());
    }
    properties.put("radflow.orchestration.probe-interval", "200ms");
    return properties;
  }

  /** Registers {@link #properties()} and then the test class's own {@code extras}. */
  public void register(DynamicPropertyRegistry registry, Map<String, String> extras) {
    Map<String, String> all = properties();
    all.putAll(extras);
    all.forEach((name, value) -> registry.add(name, () -> value));
  }

  public SimulatorCluster simulators() {
    return simulators;
  }

  public Path home() {
    return home;
  }

  /** A client with the admin token radflow's first start wrote, as an operator would use it. */
  public Api admin(int port) {
    try {
      return new Api(port, Files.readString(home.resolve("admin-token")).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Takes every fault off every simulator, so a test's outage does not leak into the next. */
  public void healAll() {
    for (Service service : Service.values()) {
      simulators.fault(service, Fault.none());
    }
  }

  @Override
  public void close() {
    simulators.close();
  }
}
