package org.radflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code radflow bench compare}, as given on the command line. {@code plot} is the
 * SVG file's name with {@code {store}} standing for the store; it is written when more than one
 * client count is measured.
 */
record CompareBenchOptions(
    List<String> stores, List<Integer> clients, Duration warmup, Duration duration, String plot) {

  static final String DEFAULT_PLOT = "target/bench-compare-{store}.svg";

  static final String USAGE =
      "--store sqlite|postgresql|both (both) --clients N or a list N,N,… (8; a list draws the"
          + " plot) --warmup SECONDS (5, before each of the three phases) --duration SECONDS (20,"
          + " each phase) --plot FILE.svg ("
          + DEFAULT_PLOT
          + "; the figures go beside it as .csv)";

  CompareBenchOptions {
    stores = List.copyOf(stores);
    clients = List.copyOf(clients);
    if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException("--clients must be one or more counts of at least 1");
    }
    if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--warmup must be >= 0 and --duration > 0");
    }
    if (!plot.endsWith(".svg")) {
      throw new IllegalArgumentException("--plot must name an .svg file, was " + plot);
    }
  }

  static CompareBenchOptions parse(String[] args) {
    List<String> stores = List.of("sqlite", "postgresql");
    List<Integer> clients = List.of(8);
    Duration warmup = Duration.ofSeconds(5);
    Duration duration = Duration.ofSeconds(20);
    String plot = DEFAULT_PLOT;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--store" -> stores = stores(value);
        case "--clients" -> clients = counts(value);
        case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
        case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value));
        case "--plot" -> plot = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    return new CompareBenchOptions(stores, clients, warmup, duration, plot);
  }

  /** Where the plot of {@code store} goes: {@code {store}} replaced, or inserted when two run. */
  Path plotFile(String store) {
    if (plot.contains("{store}")) {
      return Path.of(plot.replace("{store}", store));
    }
    if (stores.size() == 1) {
      return Path.of(plot);
    }
    return Path.of(plot.substring(0, plot.length() - ".svg".length()) + "-" + store + ".svg");
  }

  /** The CSV beside the plot. */
  Path csvFile(String store) {
    String svg = plotFile(store).toString();
    return Path.of(svg.substring(0, svg.length() - ".svg".length()) + ".csv");
  }

  private static List<String> stores(String value) {
    return switch (value) {
      case "both" -> List.of("sqlite", "postgresql");
      case "sqlite", "postgresql" -> List.of(value);
      default -> throw new IllegalArgumentException("--store takes sqlite, postgresql or both");
    };
  }

  private static List<Integer> counts(String value) {
    List<Integer> counts = new ArrayList<>();
    for (String part : value.split(",")) {
      try {
        counts.add(Integer.parseInt(part.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--clients takes N or N,N,…; not " + value);
      }
    }
    return counts;
  }
}
