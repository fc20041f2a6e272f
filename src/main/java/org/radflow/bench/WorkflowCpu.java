package org.radflow.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Where the CPU of a measured stretch went: this JVM (radflow and the load clients), and the
 * simulators' process when they run in one, so that a figure per study says who spent it.
 */
record WorkflowCpu(long jvmBefore, OptionalLong simulatorsBefore, BenchSimulators simulators) {

  static WorkflowCpu start(BenchSimulators simulators) {
    return new WorkflowCpu(jvmNanos(), simulators.cpuNanos(), simulators);
  }

  /** What was used since {@link #start}, per complete study and in cores over {@code seconds}. */
  String since(long studies, double seconds) {
    double jvmMillis = (jvmNanos() - jvmBefore) / 1e6;
    OptionalLong simulatorsAfter = simulators.cpuNanos();
    int cores = Runtime.getRuntime().availableProcessors();
    long perStudy = Math.max(1, studies);
    if (simulatorsBefore.isEmpty() || simulatorsAfter.isEmpty()) {
      return String.format(
          Locale.ROOT,
          "  this JVM (radflow, simulators and load clients) used %.1f ms of CPU per complete"
              + " study, %.1f of %d cores",
          jvmMillis / perStudy,
          jvmMillis / 1000 / seconds,
          cores);
    }
    double simulatorMillis = (simulatorsAfter.getAsLong() - simulatorsBefore.getAsLong()) / 1e6;
    return String.format(
        Locale.ROOT,
        "  CPU per complete study: this JVM (radflow and load clients) %.1f ms, the simulators'"
            + " process %.1f ms; %.1f and %.1f of %d cores",
        jvmMillis / perStudy,
        simulatorMillis / perStudy,
        jvmMillis / 1000 / seconds,
        simulatorMillis / 1000 / seconds,
        cores);
  }

  private static long jvmNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
