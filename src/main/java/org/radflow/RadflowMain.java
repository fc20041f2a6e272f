package org.radflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;

/**
 * The one executable: {@code radflow [serve|demo|bench|simulators|token|restore-check|help]
 * [options]}, {@code serve} by default. {@link #USAGE} is the one list of commands: the README's
 * Commands section shows it verbatim (RadflowMainTest compares them).
 */
public final class RadflowMain {

  /** What {@code radflow help} prints; the README's Commands section is this text. */
  public static final String USAGE =
      """
      usage: radflow [command] [options]        every command answers --help

        serve              the control plane (the default command): HTTP API on 127.0.0.1:8080,
                           HL7 v2 MLLP on 127.0.0.1:2575, SQLite in ./data
        demo               a radiology group's day driven through radflow with the simulators,
                           watched live, checked from outside, reported; then radflow stays up
        bench transitions  drive studies through the real stores; print throughput and latency
        bench compare      transitions against a hand-written JDBC reference, in one sitting
        bench workflow     drive studies through every step with the simulators
        bench hl7          send HL7 v2 messages over MLLP to the listener; print throughput
        bench events       publication latency and backlog drain against a Kafka broker
        bench api          the HTTP API's cost per request, against a running radflow
        bench console      the console's pages: render time with many studies in the store
        bench scale        a million studies: lookups, searches, transitions, memory, size
        simulators         run the six external-system simulators on their own
        token              create, list or revoke API tokens, with no server running
        restore-check      after a restore: is every blob the database references in the blob store?
        help               this text

      The ./radflow launcher adds one command of its own:
        test               make sure PostgreSQL and Chromium are there, then run every test (mvn -B verify)
      """;

  /** What {@code radflow serve --help} prints. */
  static final String SERVE_USAGE =
      """
      usage: radflow [serve] [--port N] [--radflow.<setting>=value ...]

      Runs the control plane: the HTTP API, the HL7 v2 MLLP listener, the store and the step
      engine (with in-process simulators of the six external systems unless their URLs are given).
        --port N | RADFLOW_PORT         HTTP port (8080)
        RADFLOW_BIND_ADDRESS            address HTTP listens on (127.0.0.1)
        RADFLOW_HOME                    data directory (./data)
        RADFLOW_DB_URL                  jdbc:postgresql://host:5432/db (default: SQLite in RADFLOW_HOME)
        RADFLOW_MLLP_PORT               MLLP port (2575); RADFLOW_MLLP_ENABLED=false turns it off
      Every setting, as an environment variable or a Spring property: the README's Configuration.
      """;

  private RadflowMain() {}

  public static void main(String[] args) throws Exception {
    String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "serve";
    String[] rest =
        args.length > 0 && !args[0].startsWith("-")
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    switch (command) {
      case "serve" -> {
        if (args.length > 0 && isHelp(args[0])) {
          System.out.print(USAGE);
        } else if (Arrays.stream(rest).anyMatch(RadflowMain::isHelp)) {
          System.out.print(SERVE_USAGE);
        } else {
          SpringApplication.run(RadflowApplication.class, serveArguments(rest));
        }
      }
      case "demo" -> System.exit(org.radflow.demo.DemoCommand.run(rest, System.out));
      case "bench" -> System.exit(org.radflow.bench.BenchCommand.run(rest));
      case "simulators" -> org.radflow.simulator.SimulatorMain.main(rest);
      case "token" -> System.exit(TokenCommand.run(rest, System.out, System.err));
      case "restore-check" ->
          System.exit(RestoreCheckCommand.run(rest, System.getenv(), System.out, System.err));
      case "help" -> System.out.print(USAGE);
      default -> {
        System.err.println("radflow: unknown command '" + command + "'");
        System.err.print(USAGE);
        System.exit(2);
      }
    }
  }

  /** {@code --help} or {@code -h}: every command answers it with its usage, on stdout. */
  public static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  /** {@code --port N} is the one flag serve adds to Spring's own {@code --name=value} options. */
  static String[] serveArguments(String[] args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        out.add("--server.port=" + args[++i]);
      } else if (args[i].startsWith("--port=")) {
        out.add("--server.port=" + args[i].substring("--port=".length()));
      } else {
        out.add(args[i]);
      }
    }
    return out.toArray(String[]::new);
  }
}
