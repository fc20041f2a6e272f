package org.radflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;

/** The one executable: {@code radflow [serve|bench] [options]}, {@code serve} by default. */
public final class RadflowMain {

  private RadflowMain() {}

  public static void main(String[] args) throws Exception {
    String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "serve";
    String[] rest =
        args.length > 0 && !args[0].startsWith("-")
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    switch (command) {
      case "serve" -> SpringApplication.run(RadflowApplication.class, serveArguments(rest));
      case "bench" -> System.exit(org.radflow.bench.BenchCommand.run(rest));
      case "simulators" -> org.radflow.simulator.SimulatorMain.main(rest);
      case "help", "--help", "-h" -> usage(0);
      default -> {
        System.err.println("radflow: unknown command '" + command + "'");
        usage(2);
      }
    }
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

  private static void usage(int status) {
    System.out.println(
        """
        usage: radflow [command] [options]

          serve              run the control plane (default): HTTP API on 127.0.0.1:8080
                             --port N | RADFLOW_PORT     HTTP port
                             RADFLOW_HOME                data directory (default ./data)
                             RADFLOW_DB_URL              jdbc:postgresql://… (default: SQLite)
          bench transitions  drive studies through the real store and print throughput
          bench workflow     drive studies through every step with the simulators
          bench hl7          send HL7 v2 messages over MLLP to the listener and print throughput
          simulators         run the six external-system simulators on their own
                             --host 127.0.0.1 --control-port N --base-port N
          help               this text
        """);
    System.exit(status);
  }
}
