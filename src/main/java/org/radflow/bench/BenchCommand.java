package org.radflow.bench;

import java.util.Arrays;

/** Dispatches {@code radflow bench <name>}. */
public final class BenchCommand {

  private BenchCommand() {}

  public static int run(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: radflow bench transitions|workflow|events|hl7 [options]   (--help for options)");
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (args[0].equals("transitions")) {
      return TransitionsBench.run(rest);
    }
    if (args[0].equals("workflow")) {
      return WorkflowBench.run(rest);
    }
    if (args[0].equals("hl7")) {
      return Hl7Bench.run(rest);
    }
    if (args[0].equals("events")) {
      return EventsBench.run(rest);
    }
    System.err.println(
        "radflow bench: unknown benchmark '"
            + args[0]
            + "'; try: transitions, workflow, events, hl7");
    return 2;
  }

  /** A benchmark's answer to options it cannot take: what was wrong, and every option it takes. */
  static int usage(String bench, IllegalArgumentException wrong, String options) {
    System.err.println("radflow bench " + bench + ": " + wrong.getMessage());
    System.err.println(
        "options: "
            + options
            + "\nPostgreSQL: RADFLOW_BENCH_PG_URL (jdbc:postgresql://127.0.0.1:5432/radflow_test),"
            + " RADFLOW_BENCH_PG_USER (radflow), RADFLOW_BENCH_PG_PASSWORD (radflow)");
    return 2;
  }
}
