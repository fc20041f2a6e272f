package org.radflow.durability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.radflow.Loopback;
import org.radflow.workflow.Service;

/** A real radflow server in its own JVM, started from the test classpath, killable with SIGKILL. */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;
  private final Path home;

  private ServerProcess(Process process, int port, Path log, Path home) {
    this.home = home;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static ServerProcess start(Map<String, String> env, Path log) throws Exception {
    return start(env, log, List.of());
  }

  /** As {@link #start(Map, Path)}, with extra JVM options such as faster-starting JIT settings. */
  static ServerProcess start(Map<String, String> env, Path log, List<String> jvmOptions)
      throws Exception {
    int port = Loopback.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(jvmOptions);
    // the whole server log into this server's own log file, not the tests' (logback-test.xml)
    command.add("-Dlogback.configurationFile=logback-server-process.xml");
    command.add("-Dlogging.config=classpath:logback-server-process.xml");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.radflow.RadflowMain");
    command.add("serve");
    command.add("--port");
    command.add(Integer.toString(port));
    ProcessBuilder builder = new ProcessBuilder(command);
    // several servers run side by side: none takes the default MLLP port
    builder.environment().put("RADFLOW_MLLP_PORT", "0");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    ServerProcess server =
        new ServerProcess(
            builder.start(), port, log, Path.of(env.getOrDefault("RADFLOW_HOME", "data")));
    // generous: three or four JVMs start at once on a machine that other builds also load
    server.awaitHealthy(Duration.ofSeconds(120));
    return server;
  }

  /**
   * {@code Authorization: Bearer …} with the admin token first start wrote: in this server's
   * RADFLOW_HOME, or, when another node on the same database made the admin, in a sibling home.
   */
  String authorization() throws IOException {
    Path own = home.resolve("admin-token");
    if (Files.exists(own)) {
      return "Bearer " + Files.readString(own).strip();
    }
    try (var siblings = Files.list(home.getParent())) {
      Path found =
          siblings
              .map(sibling -> sibling.resolve("admin-token"))
              .filter(Files::exists)
              .findFirst()
              .orElseThrow(() -> new IOException("no admin-token in or beside " + home));
      return "Bearer " + Files.readString(found).strip();
    }
  }

  /** Points a node at these external systems, each by its URL. */
  static void useServices(Map<String, String> env, Map<Service, URI> services) {
    services.forEach(
        (service, url) ->
            env.put(
                "RADFLOW_ORCHESTRATION_SERVICES_" + service.name().replace("_", ""),
                url.toString()));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** SIGKILL: no shutdown hook, no graceful close, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /**
   * SIGTERM, as systemd stops the service, and waits up to {@code within} for the process to end.
   *
   * @return the exit code
   * @throws IllegalStateException when it is still running after {@code within} (then killed)
   */
  int terminate(Duration within) throws InterruptedException {
    process.destroy(); // SIGTERM on Unix
    if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor();
      throw new IllegalStateException("radflow did not stop within " + within + "; see " + log);
    }
    return process.exitValue();
  }

  private void awaitHealthy(Duration timeout) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "radflow exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(uri("/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200); // polling a process that is starting up, not waiting for time to pass
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "radflow did not become healthy in " + timeout + "; see " + log);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }
}
