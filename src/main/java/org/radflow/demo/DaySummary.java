package org.radflow.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.radflow.demo.StudyPlan.Kind;
import org.radflow.demo.StudyPlan.Twist;
import org.radflow.demo.SummaryTable.Row;
import org.radflow.demo.SummaryTable.Section;

/** The end-of-day table: built from what the demo sent and what it read back, printed as text. */
final class DaySummary {

  /** Figures the watch and the operator gathered while the day ran. */
  record DuringTheDay(
      long peakSuspended, long peakOpenExceptions, long redrives, long patientUpdates) {}

  private DaySummary() {}

  static SummaryTable build(
      DayPlan plan,
      DayCheck check,
      Acknowledged acknowledged,
      DuringTheDay during,
      EventTally events) {
    List<Section> sections = new ArrayList<>();
    List<Row> statuses = new ArrayList<>();
    check.byStatus().forEach((status, count) -> statuses.add(Row.of(status, count)));
    statuses.add(Row.mustBeZero("not where the day should leave them", check.misplaced().size()));
    sections.add(new Section("Studies by end-to-end status", statuses));

    List<Row> day = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      day.add(
          Row.of(kind.description, plan.studies().stream().filter(s -> s.kind() == kind).count()));
    }
    for (Twist twist : Twist.values()) {
      day.add(Row.of(describe(twist), plan.studies().stream().filter(s -> s.has(twist)).count()));
    }
    sections.add(new Section("The day", day));

    List<Row> sent = new ArrayList<>();
    sent.add(Row.of("messages and events sent", acknowledged.sent()));
    new TreeMap<>(acknowledged.answers())
        .forEach((answer, count) -> sent.add(Row.of("answered " + answer, count)));
    sent.add(Row.of("refused (kept by radflow as dead letters)", acknowledged.refusals().size()));
    sections.add(new Section("Sent over MLLP and HTTP", sent));

    long steps = 0;
    long retries = 0;
    long undos = 0;
    long exceptions = 0;
    Map<String, Long> stepStatuses = new TreeMap<>();
    Map<String, Long> timerStatuses = new TreeMap<>();
    for (StudyReading reading : check.readings().values()) {
      exceptions += reading.exceptions();
      for (StudyReading.Step step : reading.steps()) {
        String status = step.status().toLowerCase(Locale.ROOT);
        if (step.timer()) {
          timerStatuses.merge(status, 1L, Long::sum);
          continue;
        }
        steps++;
        retries += Math.max(0, step.attempts() - 1);
        undos += step.undo() ? 1 : 0;
        stepStatuses.merge(status, 1L, Long::sum);
      }
    }
    List<Row> work = new ArrayList<>();
    work.add(Row.of("steps (calls to the six systems)", steps));
    stepStatuses.forEach((status, count) -> work.add(Row.of("  " + status, count)));
    timerStatuses.forEach(
        (status, count) ->
            work.add(
                Row.of(
                    "timers "
                        + status
                        + (status.equals("pending") ? " (deadlines armed, due later)" : ""),
                    count)));
    work.add(Row.of("retries (attempts after the first)", retries));
    work.add(Row.of("suspended at once, at the peak", during.peakSuspended()));
    work.add(Row.of("releases of the national record's suspended work (audit)", check.releases()));
    work.add(Row.of("compensations (undo steps)", undos));
    work.add(Row.of("exceptions raised", exceptions));
    work.add(Row.of("exceptions open at the peak", during.peakOpenExceptions()));
    work.add(Row.of("steps redriven by the operator", during.redrives()));
    work.add(Row.of("patient records corrected at the PAS (ADT^A08)", during.patientUpdates()));
    sections.add(new Section("Steps, retries, suspensions, compensations, exceptions", work));

    List<Row> published = new ArrayList<>();
    published.add(Row.of("events received (distinct)", events.distinctEvents()));
    published.add(Row.of("deliveries (at least once: redeliveries included)", events.deliveries()));
    published.add(Row.of("redeliveries", events.redeliveries()));
    published.add(Row.mustBeZero("out of sequence within a study", events.outOfSequence()));
    new TreeMap<>(events.byType())
        .forEach((type, count) -> published.add(Row.of("  " + type, count)));
    sections.add(new Section("Events published to the demo's webhook", published));

    List<Row> effects = new ArrayList<>();
    check
        .sideEffects()
        .byService()
        .forEach(
            (service, counts) ->
                counts.forEach((what, count) -> effects.add(Row.of(service + ": " + what, count))));
    effects.add(
        Row.of(
            "calls answered from the idempotency record (replays)",
            check.sideEffects().replayed()));
    sections.add(new Section("Side effects at each simulator", effects));

    sections.add(
        new Section(
            "Nothing lost, nothing twice",
            List.of(
                Row.mustBeZero("lost: acknowledged but absent", check.lost().size()),
                Row.mustBeZero(
                    "duplicated: two side effects for one step",
                    check.sideEffects().duplicates().size()))));
    return new SummaryTable(sections);
  }

  static void print(SummaryTable table, PrintStream out) {
    for (Section section : table.sections()) {
      out.println();
      out.println(section.title());
      int width = section.rows().stream().mapToInt(r -> r.label().length()).max().orElse(10);
      for (Row row : section.rows()) {
        out.printf(
            Locale.ROOT,
            "  %-" + width + "s  %8s%s%n",
            row.label(),
            row.value(),
            row.alarm() ? "   <-- must be 0" : "");
      }
    }
  }

  static String describe(Twist twist) {
    return switch (twist) {
      case RESENT -> "a message re-sent with a new control id";
      case REDELIVERED -> "a frame delivered twice (lost ACK)";
      case OUT_OF_ORDER -> "the report before the images (held)";
      case CANCELLED -> "cancelled after scheduling";
      case AMENDED -> "amended reports";
      case MERGED -> "ordered under a duplicate patient record, merged";
      case PROVISIONAL_IHI -> "provisional IHI (identity exception)";
      case UNKNOWN_IHI -> "unknown to the HI Service (identity exception)";
      case CLAIM_REJECTED -> "claim rejected by the payer, redriven";
      case QUEUED -> "messages queued by the downtime";
    };
  }
}
