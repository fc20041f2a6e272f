package org.radflow.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A plausible five-minute demo day, the same every time, for the example page and its tests. */
final class ReportExamples {

  static final Instant STARTED = Instant.parse("2026-12-05T06:00:00Z");
  static final Instant FINISHED = STARTED.plus(Duration.ofSeconds(282));

  private ReportExamples() {}

  static DemoReport.Content day() {
    return new DemoReport.Content(
        "radflow demo: a radiology day",
        STARTED,
        FINISHED,
        "0 lost, 0 duplicated: every acknowledged message is there, once",
        true,
        summary(),
        timeline(),
        List.of(
            "3,000 studies ordered over HL7 v2: 2,640 scheduled, 240 walk-ins, 120 outside studies"
                + " imported",
            "RIS downtime 08:10–08:40 (simulated day): 62 orders backfilled afterwards",
            "national record down 10:40–10:52 (simulated day), 37 publications suspended and"
                + " released",
            "one claim rejected by the payer, redriven from the exception lane and paid"));
  }

  /** The same day, but two acknowledged messages were never acted on. */
  static DemoReport.Content failedDay() {
    DemoReport.Content day = day();
    List<SummaryTable.Section> sections = new ArrayList<>(day.summary().sections());
    sections.set(
        sections.size() - 1,
        new SummaryTable.Section(
            "Lost and duplicated",
            List.of(
                SummaryTable.Row.mustBeZero("lost (acknowledged, absent)", 2),
                SummaryTable.Row.mustBeZero("duplicated (two side effects)", 0))));
    return new DemoReport.Content(
        day.title(),
        day.started(),
        day.finished(),
        "2 lost, 0 duplicated: 2 acknowledged messages are missing",
        false,
        new SummaryTable(sections),
        day.timeline(),
        day.notes());
  }

  static SummaryTable summary() {
    return new SummaryTable(
        List.of(
            new SummaryTable.Section(
                "Studies by end-to-end status",
                List.of(
                    SummaryTable.Row.of("FINANCIALLY_COMPLETE", 2_871),
                    SummaryTable.Row.of("CLINICALLY_COMPLETE", 64),
                    SummaryTable.Row.of("CANCELLED", 58),
                    SummaryTable.Row.of("IN_EXCEPTION", 7))),
            new SummaryTable.Section(
                "Steps",
                List.of(
                    SummaryTable.Row.of("steps", 26_412),
                    SummaryTable.Row.of("retries", 311),
                    SummaryTable.Row.of("suspensions", 37),
                    SummaryTable.Row.of("compensations", 58),
                    SummaryTable.Row.of("exceptions", 19))),
            new SummaryTable.Section(
                "Events and side effects",
                List.of(
                    SummaryTable.Row.of("events published", 48_930),
                    SummaryTable.Row.of("national record uploads", 2_935),
                    SummaryTable.Row.of("claims", 2_872),
                    SummaryTable.Row.of("notifications", 5_870))),
            new SummaryTable.Section(
                "Lost and duplicated",
                List.of(
                    SummaryTable.Row.mustBeZero("lost (acknowledged, absent)", 0),
                    SummaryTable.Row.mustBeZero("duplicated (two side effects)", 0)))));
  }

  static DemoTimeline timeline() {
    Random random = new Random(16);
    List<DemoTimeline.StatusSample> statuses = new ArrayList<>();
    long seconds = Duration.between(STARTED, FINISHED).toSeconds();
    for (long s = 0; s <= seconds; s++) {
      double t = s / (double) seconds;
      long ordered = Math.round(3_000 * Math.min(1, t * 1.4));
      long done = Math.round(2_871 * Math.max(0, Math.min(1, (t - 0.15) / 0.85)));
      long clinical = Math.round(Math.max(0, ordered * 0.35 - done * 0.2) + 64 * t);
      long cancelled = Math.round(58 * t);
      long exceptions = Math.round(7 + 12 * Math.sin(Math.PI * t)) + random.nextInt(3);
      long suspended = t > 0.45 && t < 0.6 ? 37 : 0;
      long waiting =
          Math.max(0, ordered - done - clinical - cancelled - exceptions - suspended) / 2;
      long active =
          Math.max(0, ordered - done - clinical - cancelled - exceptions - suspended - waiting);
      Map<String, Long> byStatus = new LinkedHashMap<>();
      byStatus.put("ACTIVE", active);
      byStatus.put("WAITING", waiting);
      byStatus.put("SUSPENDED", suspended);
      byStatus.put("IN_EXCEPTION", exceptions);
      byStatus.put("CLINICALLY_COMPLETE", clinical);
      byStatus.put("FINANCIALLY_COMPLETE", done);
      byStatus.put("CANCELLED", cancelled);
      statuses.add(new DemoTimeline.StatusSample(STARTED.plusSeconds(s), byStatus));
    }
    List<DemoTimeline.LagSample> lag = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      long at = 2_000 + (long) (random.nextDouble() * (seconds - 3) * 1_000);
      long millis = 8 + (long) (-Math.log(1 - random.nextDouble()) * 25);
      if (at > 135_000 && at < 170_000) {
        millis += random.nextInt(900); // the national record's outage backs the outbox up
      }
      lag.add(new DemoTimeline.LagSample(STARTED.plusMillis(at), millis));
    }
    lag.sort((a, b) -> a.at().compareTo(b.at()));
    Map<String, List<Long>> steps = new LinkedHashMap<>();
    steps.put("VALIDATE_IDENTITY", latencies(random, 3_000, 40));
    steps.put("RESERVE_SLOT", latencies(random, 2_940, 120));
    steps.put("CREATE_WORKLIST_ENTRY", latencies(random, 2_940, 90));
    steps.put("CONFIRM_STORAGE_COMMITMENT", latencies(random, 2_935, 9_000));
    steps.put("PUBLISH_REPORT", latencies(random, 2_935, 300));
    steps.put("SUBMIT_CLAIM", latencies(random, 2_872, 800));
    steps.put("FETCH_CLAIM_ANSWER", latencies(random, 2_872, 30_000));
    steps.put("RELEASE_SLOT", latencies(random, 58, 150));
    return new DemoTimeline(statuses, lag, steps);
  }

  private static List<Long> latencies(Random random, int count, long typical) {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      millis.add(Math.round(typical * Math.exp(random.nextGaussian() * 0.6)));
    }
    return millis;
  }
}
