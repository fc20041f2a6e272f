package org.radflow.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.radflow.RadflowMain;

/**
 * {@code radflow demo}: starts radflow and the simulators, plays a day, watches it, checks it from
 * outside, prints the summary, writes the report, and keeps radflow up until Ctrl-C unless told not
 * to. Exit status 0 when nothing was lost or duplicated, 1 otherwise, 2 for bad options.
 */
public final class DemoCommand {

  /**
   * The least real time the national record stays down: long enough for radflow to see it fail,
   * suspend its work and probe it healthy again ({@link DemoServer} probes every half second).
   */
  private static final Duration OUTAGE_AT_LEAST = Duration.ofSeconds(8);

  private DemoCommand() {}

  public static int run(String[] args, PrintStream out) throws Exception {
    if (java.util.Arrays.stream(args).anyMatch(RadflowMain::isHelp)) {
      out.print(DemoOptions.USAGE);
      return 0;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("radflow demo: " + e.getMessage());
      System.err.print(DemoOptions.USAGE);
      return 2;
    }
    out.printf(
        Locale.ROOT,
        "radflow demo: a day of %d studies; starting radflow (%s in %s) and the six simulators%n",
        options.studies(),
        options.store(),
        DemoServer.homeDirectory());
    DemoServer server;
    try {
      server = DemoServer.start(options);
    } catch (IllegalArgumentException e) {
      System.err.println("radflow demo: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println(
          "radflow demo: radflow did not start: "
              + rootCause(e)
              + "; the whole story is in "
              + DemoServer.homeDirectory().resolve("demo-radflow.log"));
      return 2;
    }
    try (server) {
      return new DemoRun(options, server, out).run();
    }
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  /** The day's plan at the speed asked for, or at one that fits the day in its share of time. */
  static DayPlan plan(DemoOptions options, LocalDate date, String stamp, double speed) {
    long outage = Math.max(2400, (long) (OUTAGE_AT_LEAST.toSeconds() * speed));
    return DayPlan.draw(options.studies(), options.seed(), date, stamp, outage);
  }

  /** About a minute per thousand studies, at least half a minute, at most ten. */
  static double chosenSpeed(DemoOptions options, long dayLength) {
    if (options.speed() > 0) {
      return options.speed();
    }
    double seconds = Math.min(600, Math.max(30, options.studies() * 0.06));
    return dayLength / seconds;
  }

  static String stamp(Instant now) {
    return DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC).format(now);
  }

  static Path report(Path home) {
    return home.resolve("demo-report.html");
  }
}
