package org.radflow.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.radflow.svg.Svg;

/**
 * The demo's HTML report, written to {@code $RADFLOW_HOME/demo-report.html} at the end of a run:
 * the verdict, the summary table, three charts (studies per status, step latency, outbox lag) and
 * the day's notes. One self-contained page: inline CSS and SVG, no script, nothing fetched, so it
 * opens from a file, screenshots well and reads aloud (each chart has a title and a description
 * that says its figures). It is well-formed XHTML as well as HTML, and every text from the run is
 * escaped.
 */
public final class DemoReport {

  /**
   * What the report shows.
   *
   * @param verdict one line, such as "0 lost, 0 duplicated: every acknowledged message is there,
   *     once"
   * @param passed whether the verdict is good news: green when it is, red when not
   * @param notes what happened in the day, one sentence each
   */
  public record Content(
      String title,
      Instant started,
      Instant finished,
      String verdict,
      boolean passed,
      SummaryTable summary,
      DemoTimeline timeline,
      List<String> notes) {

    public Content {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(started, "started");
      Objects.requireNonNull(finished, "finished");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(timeline, "timeline");
      notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
      if (finished.isBefore(started)) {
        throw new IllegalArgumentException(
            "finished (" + finished + ") must not be before started (" + started + ")");
      }
    }
  }

  private static final DateTimeFormatter DAY_AND_CLOCK =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private DemoReport() {}

  /** The report as one HTML page. */
  public static String html(Content c) {
    Instant from = c.started();
    // a chart needs a span; a run that took no time at all still gets its second
    Instant to = c.finished().isAfter(from) ? c.finished() : from.plusSeconds(1);
    StringBuilder page = new StringBuilder(64 * 1024);
    page.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">")
        .append("<head><meta charset=\"utf-8\"/><title>")
        .append(Svg.escape(c.title()))
        .append("</title><style>")
        .append(ReportStyle.CSS)
        .append("</style></head><body><main>");
    header(page, c);
    summary(page, c.summary());
    statuses(page, c.timeline(), from, to);
    stepLatency(page, c.timeline());
    outboxLag(page, c.timeline(), from, to);
    notes(page, c.notes());
    return page.append("</main></body></html>\n").toString();
  }

  /**
   * Writes the report to {@code file}, whole or not at all: to a temporary file beside it, then
   * moved over it, so a reader never sees half a page.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Path file, Content c) {
    String html = html(c);
    try {
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
      try {
        Files.writeString(temporary, html, StandardCharsets.UTF_8);
        try {
          Files.move(
              temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the demo report to " + file, e);
    }
  }

  private static void header(StringBuilder page, Content c) {
    page.append("<header><h1>")
        .append(Svg.escape(c.title()))
        .append("</h1><p class=\"when\">Ran from ")
        .append(time(c.started(), DAY_AND_CLOCK))
        .append(" to ")
        .append(time(c.finished(), CLOCK))
        .append(" UTC, in ")
        .append(ReportText.length(Duration.between(c.started(), c.finished())))
        .append(".</p><p id=\"verdict\" class=\"verdict ")
        .append(
            c.passed()
                ? "passed\"><strong>Passed.</strong> "
                : "failed\"><strong>Failed.</strong> ")
        .append(Svg.escape(c.verdict()))
        .append("</p></header>");
  }

  private static String time(Instant at, DateTimeFormatter format) {
    return "<time datetime=\"" + at + "\">" + format.format(at) + "</time>";
  }

  private static void summary(StringBuilder page, SummaryTable summary) {
    page.append("<section id=\"summary\"><h2>Summary</h2>");
    if (summary.sections().isEmpty()) {
      page.append("<p class=\"empty\">The run gave no summary figures.</p></section>");
      return;
    }
    page.append("<div class=\"tables\">");
    for (SummaryTable.Section section : summary.sections()) {
      page.append("<table><caption>")
          .append(Svg.escape(section.title()))
          .append("</caption><tbody>");
      for (SummaryTable.Row row : section.rows()) {
        page.append(
                row.alarm() ? "<tr class=\"alarm\"><th scope=\"row\">" : "<tr><th scope=\"row\">")
            .append(Svg.escape(row.label()))
            .append(row.alarm() ? " <span class=\"flag\">must be 0</span>" : "")
            .append("</th><td>")
            .append(Svg.escape(row.value()))
            .append("</td></tr>");
      }
      page.append("</tbody></table>");
    }
    page.append("</div></section>");
  }

  private static void statuses(
      StringBuilder page, DemoTimeline timeline, Instant from, Instant to) {
    page.append("<section id=\"statuses\"><h2>Studies per end-to-end status</h2>");
    Optional<TimelineCharts.Figure> chart =
        TimelineCharts.studiesPerStatus(timeline.statuses(), from, to);
    if (chart.isEmpty()) {
      page.append("<p class=\"empty\">No status sample was taken, so there is no chart of studies")
          .append(" per status.</p></section>");
      return;
    }
    figure(page, chart.get(), "Studies of the day, sampled about once a second; time in UTC.");
    page.append("</section>");
  }

  private static void stepLatency(StringBuilder page, DemoTimeline timeline) {
    page.append("<section id=\"latency\"><h2>Step latency by step kind</h2>");
    List<StepLatencyChart.Row> rows = StepLatencyChart.rows(timeline.stepMillis());
    if (rows.isEmpty()) {
      page.append("<p class=\"empty\">No step finished, so there is no step latency to show.</p>")
          .append("</section>");
      return;
    }
    page.append("<figure class=\"wide\">")
        .append(StepLatencyChart.svg(rows))
        .append("<figcaption>Each finished step, from its creation to its finish; nearest-rank")
        .append(" percentiles on a logarithmic axis, the number of steps in brackets.")
        .append("</figcaption></figure></section>");
  }

  private static void outboxLag(
      StringBuilder page, DemoTimeline timeline, Instant from, Instant to) {
    page.append("<section id=\"lag\"><h2>Outbox lag</h2>");
    if (timeline.outboxLag().isEmpty()) {
      page.append("<p class=\"empty\">No event reached the webhook, so there is no outbox lag to")
          .append(" show.</p></section>");
      return;
    }
    Percentiles lag =
        Percentiles.of(timeline.outboxLag().stream().map(DemoTimeline.LagSample::millis).toList());
    figure(
        page,
        TimelineCharts.outboxLag(timeline.outboxLag(), timeline.relayLag(), lag, from, to)
            .orElseThrow(),
        "From a change's commit to its event at the demo's webhook, in milliseconds, by arrival"
            + " time (UTC) in slices of the run; in grey, the age of the oldest event the relay had"
            + " not yet published, sampled once a second.");
    page.append("<p class=\"figures\">")
        .append(lag.count())
        .append(lag.count() == 1 ? " event" : " events")
        .append(": <span class=\"p50\">p50 ")
        .append(ReportText.millis(lag.p50()))
        .append("</span> <span class=\"p95\">p95 ")
        .append(ReportText.millis(lag.p95()))
        .append("</span> <span class=\"max\">max ")
        .append(ReportText.millis(lag.max()))
        .append("</span></p></section>");
  }

  private static void figure(StringBuilder page, TimelineCharts.Figure chart, String caption) {
    page.append("<figure class=\"timeline\">")
        .append(chart.svg())
        .append("<figcaption><ul class=\"legend\">");
    for (TimelineCharts.Legend entry : chart.legend()) {
      page.append("<li><span class=\"swatch\" style=\"background:")
          .append(Svg.escape(entry.colour()))
          .append("\"></span>")
          .append(Svg.escape(entry.name()))
          .append("</li>");
    }
    page.append("</ul><p>").append(Svg.escape(caption)).append("</p></figcaption></figure>");
  }

  private static void notes(StringBuilder page, List<String> notes) {
    page.append("<section id=\"notes\"><h2>What happened in the day</h2>");
    if (notes.isEmpty()) {
      page.append("<p class=\"empty\">Nothing was noted.</p></section>");
      return;
    }
    page.append("<ul class=\"notes\">");
    for (String note : notes) {
      page.append("<li>").append(Svg.escape(note)).append("</li>");
    }
    page.append("</ul></section>");
  }
}
