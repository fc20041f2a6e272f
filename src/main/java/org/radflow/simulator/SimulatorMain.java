package org.radflow.simulator;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator cluster as a process: {@code --host 127.0.0.1 --control-port N --base-port N}
 * (ports 0: free ones). Prints one JSON line, {@code {"control": url, "services": {slug: url}}}, so
 * a script can read where everything listens, then runs until killed.
 */
public final class SimulatorMain {

  private static final Set<String> KNOWN =
      Set.of("--host", "--base-port", "--control-port", "--parent-pid");

  static final String USAGE =
      """
      usage: radflow simulators [--host 127.0.0.1] [--control-port N] [--base-port N] [--parent-pid N]

      Runs the six external-system simulators (identity, scheduling, worklist, image-archive,
      national-record, billing) as HTTP services, and their control API (faults, state).
        --host H            address they listen on (127.0.0.1)
        --control-port N    port of the control API (0: a free one)
        --base-port N       the services take N, N+1, … (0: free ones)
        --parent-pid N      exit when process N exits (a benchmark that started them and was killed)
      Prints one JSON line, {"control": url, "services": {name: url}}, then runs until killed.
      """;

  private SimulatorMain() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
      System.out.print(USAGE);
      return;
    }
    Map<String, String> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      System.err.println("radflow simulators: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    SimulatorCluster cluster =
        SimulatorCluster.start(
            InetAddress.getByName(options.getOrDefault("--host", "127.0.0.1")),
            Integer.parseInt(options.getOrDefault("--base-port", "0")),
            Integer.parseInt(options.getOrDefault("--control-port", "0")));
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "simulators-shutdown"));
    if (options.containsKey("--parent-pid")) {
      exitWith(Long.parseLong(options.get("--parent-pid")));
    }
    Map<String, Object> where = new LinkedHashMap<>();
    where.put("control", cluster.controlUrl().toString());
    where.put("services", ControlServer.slugged(cluster.baseUrls()));
    System.out.println(Exchanges.JSON.writeValueAsString(where));
    System.out.flush();
    new CountDownLatch(1).await();
  }

  /** Exits once {@code pid} has, however it ended: even a SIGKILL runs no hook of its own. */
  private static void exitWith(long pid) {
    ProcessHandle.of(pid)
        .ifPresentOrElse(
            parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
  }

  /** {@code --name value} or {@code --name=value}, for the known names only. */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String[] nameValue = args[i].split("=", 2);
      String name = nameValue[0];
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option '"
                + args[i]
                + "'; usage: --host H --control-port N --base-port N --parent-pid N");
      }
      if (nameValue.length == 2) {
        options.put(name, nameValue[1]);
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
    }
    return options;
  }
}
