package org.radflow.bench;

import java.util.Arrays;

/** Dispatches {@code radflow bench <name>}. */
public final class BenchCommand {

  private BenchCommand() {}

  public static int run(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: radflow bench transitions|workflow|events [options]   (--help for options)");
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (args[0].equals("transitions")) {
      return TransitionsBench.run(rest);
    }
    if (args[0].equals("workflow")) {
      return WorkflowBench.run(rest);
    }
    if (args[0].equals("events")) {
      return EventsBench.run(rest);
    }
    System.err.println(
        "radflow bench: unknown benchmark '" + args[0] + "'; try: transitions, workflow, events");
    return 2;
  }
}
