package org.radflow.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.OptionalLong;
import org.radflow.simulator.ControlClient;
import org.radflow.simulator.SimulatorProcess;
import org.radflow.workflow.Service;

/** A benchmark's simulators in a process of their own ({@link SimulatorProcess}). */
final class ProcessBenchSimulators implements BenchSimulators {

  private final SimulatorProcess process;

  private ProcessBenchSimulators(SimulatorProcess process) {
    this.process = process;
  }

  static ProcessBenchSimulators start() throws Exception {
    return new ProcessBenchSimulators(SimulatorProcess.start(defaultLog()));
  }

  /**
   * {@code $RADFLOW_HOME} when set, else {@code target/}: a new file named for now and this pid.
   */
  static Path defaultLog() {
    String home = System.getenv("RADFLOW_HOME");
    Path dir = home != null && !home.isBlank() ? Path.of(home) : Path.of("target");
    String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return dir.resolve("bench-simulators-" + now + "-" + ProcessHandle.current().pid() + ".log")
        .toAbsolutePath();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public Map<Service, URI> baseUrls() {
    return process.baseUrls();
  }

  @Override
  public ControlClient control() {
    return process.control();
  }

  @Override
  public String describe() {
    return "simulators in their own process (pid "
        + process.pid()
        + ", "
        + String.join(" ", SimulatorProcess.JVM_OPTIONS)
        + ", not pinned to CPUs), control API "
        + process.control().controlUrl()
        + ", log "
        + process.log();
  }

  @Override
  public OptionalLong cpuNanos() {
    return process.cpuNanos();
  }

  @Override
  public void close() {
    process.close();
  }
}
