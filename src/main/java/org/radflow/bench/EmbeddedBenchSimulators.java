package org.radflow.bench;

import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;
import org.radflow.simulator.ControlClient;
import org.radflow.simulator.SimulatorCluster;
import org.radflow.workflow.Service;

/** The simulators on loopback inside this JVM: their CPU is counted with radflow's. */
record EmbeddedBenchSimulators(SimulatorCluster cluster, ControlClient control)
    implements BenchSimulators {

  static EmbeddedBenchSimulators start() {
    SimulatorCluster cluster = SimulatorCluster.start(InetAddress.getLoopbackAddress());
    return new EmbeddedBenchSimulators(cluster, new ControlClient(cluster.controlUrl()));
  }

  @Override
  public Map<Service, URI> baseUrls() {
    return cluster.baseUrls();
  }

  @Override
  public String describe() {
    return "simulators embedded in this JVM, on loopback";
  }

  @Override
  public OptionalLong cpuNanos() {
    return OptionalLong.empty();
  }

  @Override
  public void close() {
    cluster.close();
  }
}
