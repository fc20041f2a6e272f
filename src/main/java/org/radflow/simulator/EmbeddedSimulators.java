package org.radflow.simulator;

import java.util.Optional;

/**
 * The simulators {@code serve} runs in-process when no service URL is configured, so one command
 * runs a complete workflow; empty when radflow calls real systems.
 */
public final class EmbeddedSimulators implements AutoCloseable {

  private final SimulatorCluster cluster;

  public EmbeddedSimulators(SimulatorCluster cluster) {
    this.cluster = cluster;
  }

  public Optional<SimulatorCluster> cluster() {
    return Optional.ofNullable(cluster);
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
