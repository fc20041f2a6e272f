package org.radflow.bench;

import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;
import org.radflow.simulator.ControlClient;
import org.radflow.workflow.Service;

/**
 * The simulators a benchmark drives: where they listen, their control API (always over HTTP, so
 * both kinds are driven the same way), and the CPU they use outside this JVM.
 */
interface BenchSimulators extends AutoCloseable {

  Map<Service, URI> baseUrls();

  ControlClient control();

  /** One line for the benchmark's output: where they run and what to read if they misbehave. */
  String describe();

  /** CPU the simulators have used so far in a process of their own; empty when in this JVM. */
  OptionalLong cpuNanos();

  @Override
  void close();

  /** {@code process}: {@link ProcessBenchSimulators}; {@code embedded}: in this JVM. */
  static BenchSimulators start(String kind) throws Exception {
    return kind.equals("embedded")
        ? EmbeddedBenchSimulators.start()
        : ProcessBenchSimulators.start();
  }
}
