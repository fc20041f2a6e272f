package org.radflow.bench;

/** The options of {@code radflow bench workflow}, as given on the command line. */
record WorkflowBenchOptions(
    String store,
    int warmupStudies,
    int studies,
    int clients,
    int workers,
    int drainStudies,
    double releaseRate,
    boolean retain,
    String simulators) {

  static final String USAGE =
      "--store sqlite|postgresql (postgresql) --warmup-studies N (200) --studies N (600)"
          + " --clients N (4) --workers N (32) --drain-studies N (1000)"
          + " --release-rate PER_SECOND (500) --retain true|false (true: national requests"
          + " retained encrypted in a blob store under a temporary directory, as radflow serve"
          + " does; false: built when their step runs) --simulators process|embedded (process:"
          + " radflow simulators in a JVM of its own, as real systems would be; embedded: in this"
          + " JVM, for comparison)";

  static WorkflowBenchOptions parse(String[] args) {
    String store = "postgresql";
    int warmup = 200;
    int studies = 600;
    int clients = 4;
    int workers = 32;
    int drain = 1000;
    double rate = 500;
    boolean retain = true;
    String simulators = "process";
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--store" -> store = value;
        case "--studies" -> studies = Integer.parseInt(value);
        case "--warmup-studies" -> warmup = Integer.parseInt(value);
        case "--clients" -> clients = Integer.parseInt(value);
        case "--workers" -> workers = Integer.parseInt(value);
        case "--drain-studies" -> drain = Integer.parseInt(value);
        case "--release-rate" -> rate = Double.parseDouble(value);
        case "--retain" -> retain = Boolean.parseBoolean(value);
        case "--simulators" -> simulators = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (!store.equals("sqlite") && !store.equals("postgresql")) {
      throw new IllegalArgumentException("--store is sqlite or postgresql, was " + store);
    }
    if (!simulators.equals("process") && !simulators.equals("embedded")) {
      throw new IllegalArgumentException("--simulators is process or embedded, was " + simulators);
    }
    return new WorkflowBenchOptions(
        store, warmup, studies, clients, workers, drain, rate, retain, simulators);
  }
}
