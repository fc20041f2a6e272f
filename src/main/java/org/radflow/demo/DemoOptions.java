package org.radflow.demo;

import java.util.Locale;

/**
 * The options of {@code radflow demo}, as given on the command line.
 *
 * @param speed simulated seconds of the day per real second; {@code 0} lets the demo choose, so
 *     that the day takes about a minute per thousand studies (at least half a minute)
 * @param store {@code sqlite} (the embedded default, in {@code RADFLOW_HOME}) or {@code postgresql}
 *     (the database {@code RADFLOW_DB_URL} names)
 * @param seed the day is drawn from it: the same seed and size give the same day
 */
public record DemoOptions(
    int studies, double speed, boolean noWait, String store, int port, int mllpPort, long seed) {

  public static final String USAGE =
      """
      usage: radflow demo [--studies N] [--speed X] [--no-wait] [--store sqlite|postgresql]

      A radiology group's day, driven through radflow's real interfaces and watched live: orders,
      bookings, results and charges over HL7 v2 (MLLP), imaging events over HTTP, the six external
      systems simulated in a process of their own. At the end it prints what happened, checks from
      outside that nothing acknowledged was lost and no side effect was made twice, writes
      $RADFLOW_HOME/demo-report.html, and keeps radflow and its console up until Ctrl-C.
        --studies N        studies in the day (2000)
        --speed X          simulated seconds per real second (chosen: about a minute per 1000 studies)
        --no-wait          stop radflow once the day is checked, instead of waiting for Ctrl-C
        --store S          sqlite (the embedded default, in RADFLOW_HOME) or postgresql
                           (RADFLOW_DB_URL, RADFLOW_DB_USER, RADFLOW_DB_PASSWORD)
        --port N           HTTP port (8080; RADFLOW_PORT)
        --mllp-port N      MLLP port (2575; RADFLOW_MLLP_PORT)
        --seed N           the day is drawn from this number (20261205)
      Exit status: 0 when nothing was lost or duplicated, 1 when something was, 2 on bad options
      or when radflow does not start (the reason is in $RADFLOW_HOME/demo-radflow.log).
      """;

  public DemoOptions {
    if (studies < 20 || studies > 100_000) {
      throw new IllegalArgumentException(
          "--studies must be between 20 and 100000 (a day needs room for every kind of study), was "
              + studies);
    }
    if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("--speed must be a positive number, was " + speed);
    }
    if (!store.equals("sqlite") && !store.equals("postgresql")) {
      throw new IllegalArgumentException("--store is sqlite or postgresql, was " + store);
    }
  }

  public static DemoOptions parse(String[] args) {
    int studies = 2000;
    double speed = 0;
    boolean noWait = false;
    String store = "sqlite";
    int port = intFromEnvironment("RADFLOW_PORT", 8080);
    int mllpPort = intFromEnvironment("RADFLOW_MLLP_PORT", 2575);
    long seed = 20261205L;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--no-wait")) {
        noWait = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      try {
        switch (option) {
          case "--studies" -> studies = Integer.parseInt(value);
          case "--speed" -> speed = Double.parseDouble(value);
          case "--store" -> store = value.toLowerCase(Locale.ROOT);
          case "--port" -> port = Integer.parseInt(value);
          case "--mllp-port" -> mllpPort = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " needs a number, was '" + value + "'");
      }
    }
    if (speed == 0 && args.length > 0 && java.util.Arrays.asList(args).contains("--speed")) {
      throw new IllegalArgumentException("--speed must be a positive number, was 0");
    }
    return new DemoOptions(studies, speed, noWait, store, port, mllpPort, seed);
  }

  private static int intFromEnvironment(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
