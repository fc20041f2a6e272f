package org.radflow.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** One demo day on a running radflow: prepare, play and watch, check, tell. */
final class DemoRun {

  private final DemoOptions options;
  private final DemoServer server;
  private final PrintStream out;

  DemoRun(DemoOptions options, DemoServer server, PrintStream out) {
    this.options = options;
    this.server = server;
    this.out = out;
  }

  int run() throws Exception {
    RadflowApi api = new RadflowApi(server.api(), server.adminToken());
    out.println(
        "radflow is up: console "
            + server.api()
            + "/console (user admin, password in "
            + server.adminPasswordFile()
            + "); API token in "
            + server.home().resolve("admin-token"));
    out.println("  radflow's log: " + server.log() + "; the simulators': " + server.simulatorLog());
    Instant started = Instant.now();
    LocalDate date = started.atZone(ZoneOffset.UTC).toLocalDate();
    String stamp = DemoCommand.stamp(started);
    double speed =
        DemoCommand.chosenSpeed(options, DemoCommand.plan(options, date, stamp, 1).length());
    DayPlan plan = DemoCommand.plan(options, date, stamp, speed);
    Acknowledged acknowledged = new Acknowledged();
    try (EventReceiver events = EventReceiver.start()) {
      WebhookSubscriber webhooks = new WebhookSubscriber(server.api(), server.adminToken());
      WebhookSubscriber.Subscription subscription = webhooks.subscribe(events);
      DayClock clock = DayClock.startingNow(plan.dayStart(), speed);
      DayNotes notes = new DayNotes(clock);
      DemoOperator operator =
          new DemoOperator(
              plan,
              api,
              server.simulators(),
              server.mllpPort(),
              acknowledged,
              notes,
              operatorPatience(clock));
      operator.prepareTheWorld();
      DemoWatch watch =
          new DemoWatch(
              api,
              clock,
              acknowledged,
              options.studies(),
              plan.length(),
              notes,
              out,
              System.console() != null);
      if (watch.studiesBefore() > 0) {
        out.printf(
            Locale.ROOT,
            "  the store already holds %d studies from before; the day's figures leave them out%n",
            watch.studiesBefore());
      }
      out.printf(
          Locale.ROOT,
          "playing the day %s 07:30 to %s at %.0f× (about %d s): HL7 v2 to MLLP %d, imaging events"
              + " to %s%n",
          date,
          clock.dayStart().plusSeconds(plan.length()).toString().substring(11, 16),
          speed,
          clock.real(plan.length()).toSeconds(),
          server.mllpPort(),
          server.api());
      DaySummary.DuringTheDay during;
      try (DemoDriver driver =
              new DemoDriver(
                  plan, clock, api, server.mllpPort(), server.simulators(), acknowledged, notes);
          BillingFeed billing =
              new BillingFeed(plan, server.simulators(), server.mllpPort(), acknowledged, clock)) {
        CompletableFuture<Void> day =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    driver.run();
                  } catch (Exception e) {
                    throw new IllegalStateException("the day's driver failed: " + e, e);
                  }
                });
        during = watchUntilSettled(day, watch, operator, billing);
        day.join();
      } finally {
        operator.close();
      }
      out.println(
          "checking the day from outside: every study through the API, the simulators'"
              + " holdings, the events received");
      DayCheck check = DayCheck.run(plan, api, server.simulators(), acknowledged, started);
      webhooks.unsubscribe(subscription, "the demo day is over");
      EventTally tally = events.tally();
      SummaryTable table = DaySummary.build(plan, check, acknowledged, during, tally);
      DaySummary.print(table, out);
      DayVerdict verdict = DayVerdict.of(check);
      verdict.print(out, acknowledged);
      DemoReport.write(
          DemoCommand.report(server.home()),
          new DemoReport.Content(
              "radflow demo: a day of " + options.studies() + " studies",
              started,
              Instant.now(),
              verdict.line(),
              verdict.passed(),
              table,
              new DemoTimeline(watch.samples(), events.lag(), watch.relayLag(), check.stepMillis()),
              notes.all()));
      out.println("report: " + DemoCommand.report(server.home()));
      if (!options.noWait()) {
        out.println(
            "radflow keeps running so you can explore: "
                + server.api()
                + "/console (user admin, password in "
                + server.adminPasswordFile()
                + "). Ctrl-C stops it.");
        Thread.currentThread().join();
      }
      return verdict.passed() ? 0 : 1;
    }
  }

  /**
   * How long an exception waits before the operator clears it: twenty minutes of the day, so that
   * it shows on the console and the progress line, but never more than three real seconds.
   */
  private static Duration operatorPatience(DayClock clock) {
    Duration twentyMinutes = clock.real(1200);
    Duration most = Duration.ofSeconds(3);
    return twentyMinutes.compareTo(most) > 0 ? most : twentyMinutes;
  }

  /**
   * Looks once a second and lets the operator act, until the day has been played and every study is
   * settled with nothing open or suspended, or until patience runs out.
   */
  private DaySummary.DuringTheDay watchUntilSettled(
      CompletableFuture<Void> day, DemoWatch watch, DemoOperator operator, BillingFeed billing)
      throws InterruptedException {
    long peakSuspended = 0;
    long peakOpen = 0;
    Duration patience = Duration.ofSeconds(120 + options.studies() / 20);
    long deadline = Long.MAX_VALUE;
    while (true) {
      DemoWatch.Look look = watch.look();
      watch.show(look);
      peakSuspended = Math.max(peakSuspended, look.suspended());
      peakOpen = Math.max(peakOpen, look.openExceptions());
      operator.round();
      billing.round();
      if (day.isDone()) {
        if (day.isCompletedExceptionally()) {
          break;
        }
        if (deadline == Long.MAX_VALUE) {
          deadline = System.nanoTime() + patience.toNanos();
        }
        boolean settled =
            look.done() >= options.studies() && look.openExceptions() == 0 && look.suspended() == 0;
        if (settled || System.nanoTime() > deadline) {
          if (!settled) {
            watch.finish();
            out.println(
                "  not every study settled within "
                    + patience.toSeconds()
                    + " s of the day's end; checking what there is");
          }
          break;
        }
      }
      Thread.sleep(1000);
    }
    watch.finish();
    return new DaySummary.DuringTheDay(
        peakSuspended, peakOpen, operator.redrives(), operator.patientUpdates());
  }
}
