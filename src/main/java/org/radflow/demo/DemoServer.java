package org.radflow.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.radflow.RadflowApplication;
import org.radflow.hl7.Hl7Service;
import org.radflow.simulator.ControlClient;
import org.radflow.simulator.SimulatorProcess;
import org.radflow.workflow.Service;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * radflow as {@code radflow serve} runs it, in this JVM, calling the six simulators in a process of
 * their own through its configured service URLs, as it would call real systems. The demo learns
 * from the running server only where it listens.
 *
 * <p>Its log goes to a file in its home, so the terminal keeps the progress bar; a radflow that
 * does not start is reported in one line naming that file.
 */
final class DemoServer implements AutoCloseable {

  private final SimulatorProcess simulators;
  private final ConfigurableApplicationContext context;
  private final Path home;
  private final Path log;

  private DemoServer(
      SimulatorProcess simulators, ConfigurableApplicationContext context, Path home, Path log) {
    this.simulators = simulators;
    this.context = context;
    this.home = home;
    this.log = log;
  }

  static DemoServer start(DemoOptions options) throws Exception {
    Path home = homeDirectory();
    Files.createDirectories(home);
    Path log = home.resolve("demo-radflow.log");
    SimulatorProcess simulators = SimulatorProcess.start(home.resolve("demo-simulators.log"));
    try {
      ConfigurableApplicationContext context =
          SpringApplication.run(RadflowApplication.class, arguments(options, simulators, log));
      return new DemoServer(simulators, context, home, log);
    } catch (RuntimeException e) {
      simulators.close();
      throw e;
    }
  }

  /** {@code RADFLOW_HOME} (or {@code radflow.home}), else {@code ./data}, as serve takes it. */
  static Path homeDirectory() {
    String property = System.getProperty("radflow.home");
    String variable = System.getenv("RADFLOW_HOME");
    String home =
        property != null && !property.isBlank()
            ? property
            : variable != null && !variable.isBlank() ? variable : "data";
    return Path.of(home).toAbsolutePath().normalize();
  }

  private static String[] arguments(DemoOptions options, SimulatorProcess simulators, Path log) {
    List<String> arguments = new ArrayList<>();
    arguments.add("--server.port=" + options.port());
    arguments.add("--radflow.mllp.port=" + options.mllpPort());
    arguments.add("--radflow.home=" + homeDirectory());
    if (options.store().equals("sqlite")) {
      arguments.add("--radflow.db.url="); // the embedded default, whatever RADFLOW_DB_URL says
    } else if (blank(System.getenv("RADFLOW_DB_URL"))
        && blank(System.getProperty("radflow.db.url"))) {
      throw new IllegalArgumentException(
          "--store postgresql needs RADFLOW_DB_URL (jdbc:postgresql://host:5432/db), with"
              + " RADFLOW_DB_USER and RADFLOW_DB_PASSWORD: the database the demo may fill");
    }
    for (Map.Entry<Service, URI> service : simulators.baseUrls().entrySet()) {
      arguments.add(
          "--radflow.orchestration.services." + service.getKey().slug() + "=" + service.getValue());
    }
    // the day runs hundreds of times faster than a real one: a down service is probed every half
    // second rather than every two, so its recovery is verified within the outage's few seconds
    arguments.add("--radflow.orchestration.probe-interval=500ms");
    // the demo's own webhook receiver listens on loopback over plain http
    arguments.add("--radflow.webhooks.allow-http-loopback=true");
    arguments.add("--logging.file.name=" + log);
    // the terminal is the progress bar's; radflow's own lines, errors too, are in the log file
    arguments.add("--logging.threshold.console=OFF");
    return arguments.toArray(String[]::new);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  URI api() {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port);
  }

  int mllpPort() {
    return context.getBean(Hl7Service.class).listener().port();
  }

  Path home() {
    return home;
  }

  Path log() {
    return log;
  }

  ControlClient simulators() {
    return simulators.control();
  }

  Path simulatorLog() {
    return simulators.log();
  }

  /** The admin API token radflow's first start wrote; the demo acts as that admin. */
  String adminToken() throws IOException {
    Path file = home.resolve("admin-token");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file
              + " is missing: radflow writes it on its first start into an empty home; give the"
              + " demo a new RADFLOW_HOME, or issue a token with 'radflow token create' and put it"
              + " there");
    }
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }

  Path adminPasswordFile() {
    return home.resolve("admin-password");
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      simulators.close();
    }
  }
}
