package org.radflow.simulator;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radflow.RadflowMain;
import org.radflow.workflow.Service;

/**
 * The simulators in a JVM of their own, as real systems would be: {@code radflow simulators} from
 * the jar (or class path) this JVM runs, on free loopback ports, with its own small heap. Its
 * output goes to a log file. It is stopped on {@link #close()} and, should this JVM exit first, by
 * a shutdown hook; started with {@code --parent-pid}, it also exits by itself when this JVM is
 * killed outright. The benchmarks and the demo start their simulators this way. It is not pinned to
 * CPUs: on a 2-core machine pinning would only take a core from radflow.
 */
public final class SimulatorProcess implements AutoCloseable {

  /** A small heap of its own; serial GC, as a small service has, so it adds no GC threads. */
  public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

  private static final Duration STARTUP = Duration.ofSeconds(60);

  /** /proc counts CPU in ticks of USER_HZ, 1/100 s on every Linux architecture the JDK runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** The one line {@code radflow simulators} prints once it listens: {"control": url, ...}. */
  private static final Pattern CONTROL = Pattern.compile("\"control\"\\s*:\\s*\"([^\"]+)\"");

  private final Process process;
  private final Path log;
  private final Thread stopOnExit;
  private ControlClient control;
  private Map<Service, URI> baseUrls;

  private SimulatorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.stopOnExit = new Thread(() -> stop(process), "simulators-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Starts the process and returns once its control API answers; stops it if it never does. */
  public static SimulatorProcess start(Path log) throws Exception {
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process process =
        new ProcessBuilder(command())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    SimulatorProcess started = new SimulatorProcess(process, log);
    try {
      started.awaitAnswer();
      return started;
    } catch (Exception e) {
      started.close();
      throw e;
    }
  }

  /** {@code java <options> -jar radflow.jar simulators ...}, or {@code -cp} with the main class. */
  static List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    String classPath = System.getProperty("java.class.path");
    Optional<String> bootJar = bootJar(classPath);
    if (bootJar.isPresent()) {
      command.addAll(List.of("-jar", bootJar.get()));
    } else {
      command.addAll(List.of("-cp", classPath, RadflowMain.class.getName()));
    }
    command.addAll(
        List.of(
            "simulators",
            "--host",
            InetAddress.getLoopbackAddress().getHostAddress(),
            "--control-port",
            "0",
            "--base-port",
            "0",
            "--parent-pid", // so a JVM killed with SIGKILL leaves no simulators behind
            Long.toString(ProcessHandle.current().pid())));
    return command;
  }

  /** The Spring Boot jar this JVM runs from, whose classes only its own launcher can load. */
  private static Optional<String> bootJar(String classPath) {
    if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
      return Optional.empty();
    }
    try (JarFile jar = new JarFile(classPath)) {
      boolean boot =
          jar.getManifest() != null
              && jar.getManifest().getMainAttributes().getValue("Start-Class") != null;
      return boot ? Optional.of(Path.of(classPath).toAbsolutePath().toString()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void awaitAnswer() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (control == null || !control.healthy()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the simulators exited with " + process.exitValue() + " on starting; see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the simulators did not answer within " + STARTUP + "; see " + log);
      }
      if (control == null) {
        Matcher printed = CONTROL.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (printed.find()) {
          control = new ControlClient(URI.create(printed.group(1)));
        }
      }
      Thread.sleep(50);
    }
    baseUrls = control.services();
  }

  public long pid() {
    return process.pid();
  }

  public Map<Service, URI> baseUrls() {
    return baseUrls;
  }

  public ControlClient control() {
    return control;
  }

  /** Where its output goes: the place to look when it misbehaves. */
  public Path log() {
    return log;
  }

  /** utime + stime of the process, from {@code /proc/<pid>/stat}; empty where there is none. */
  public OptionalLong cpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
      // the command name, field 2, is in parentheses and may hold spaces: count after its end
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return OptionalLong.of(ticks * NANOS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it stops the process itself
    }
    stop(process);
  }

  /** Asks it to stop, waits, and kills it if it has not stopped within ten seconds. */
  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
