package org.radflow.bench;

import java.util.Arrays;
import java.util.List;

/** Dispatches {@code radflow bench <name>}; {@code --help} answers with the options of each. */
public final class BenchCommand {

  static final String USAGE =
      """
      usage: radflow bench transitions|compare|workflow|hl7|events|api|console|scale [options]   (--help: its options)
        transitions  drive studies through the real stores; print throughput and latency
        compare      transitions against a hand-written JDBC reference, in one sitting
        workflow     drive studies through every step with the simulators
        hl7          send HL7 v2 messages over MLLP to the listener; print throughput
        events       publication latency and backlog drain against a Kafka broker
        api          the HTTP API's cost per request, against a running radflow
        console      the console's pages: render time with many studies in the store
        scale        a million studies: lookups, searches, transitions, memory, size
      See docs/benchmarks.md.
      """;

  private static final String POSTGRES =
      "PostgreSQL: RADFLOW_BENCH_PG_URL (jdbc:postgresql://127.0.0.1:5432/radflow_test),"
          + " RADFLOW_BENCH_PG_USER (radflow), RADFLOW_BENCH_PG_PASSWORD (radflow)";

  private BenchCommand() {}

  public static int run(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.print(USAGE);
      return 2;
    }
    if (isHelp(args[0]) || args[0].equals("help")) {
      System.out.print(USAGE);
      return 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    String options = options(args[0]);
    if (options == null) {
      System.err.println(
          "radflow bench: unknown benchmark '"
              + args[0]
              + "'; try: transitions, compare, workflow, hl7, events, api, console, scale");
      return 2;
    }
    if (Arrays.stream(rest).anyMatch(BenchCommand::isHelp)) {
      System.out.println("usage: radflow bench " + args[0] + " [options]");
      System.out.println("options: " + options);
      System.out.println(POSTGRES);
      return 0;
    }
    return switch (args[0]) {
      case "transitions" -> TransitionsBench.run(rest);
      case "compare" -> CompareBench.run(rest);
      case "workflow" -> WorkflowBench.run(rest);
      case "hl7" -> Hl7Bench.run(rest);
      case "api" -> ApiBench.run(rest);
      case "console" -> ConsoleBench.run(rest);
      case "scale" -> ScaleBench.run(rest);
      default -> EventsBench.run(rest);
    };
  }

  /** The benchmarks, in the order {@code radflow help} lists them. */
  public static List<String> kinds() {
    return List.of(
        "transitions", "compare", "workflow", "hl7", "events", "api", "console", "scale");
  }

  private static String options(String bench) {
    return switch (bench) {
      case "transitions" -> TransitionsBench.OPTIONS;
      case "compare" -> CompareBenchOptions.USAGE;
      case "workflow" -> WorkflowBenchOptions.USAGE;
      case "hl7" -> Hl7Bench.OPTIONS;
      case "events" -> EventsBench.OPTIONS;
      case "api" -> ApiBench.OPTIONS;
      case "console" -> ConsoleBenchOptions.USAGE;
      case "scale" -> ScaleBenchOptions.USAGE;
      default -> null;
    };
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  /** A benchmark's answer to options it cannot take: what was wrong, and every option it takes. */
  static int usage(String bench, IllegalArgumentException wrong, String options) {
    System.err.println("radflow bench " + bench + ": " + wrong.getMessage());
    System.err.println("options: " + options + "\n" + POSTGRES);
    return 2;
  }
}
