package org.radflow.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.radflow.svg.LineChart;

/**
 * The report's two charts over the run's time: studies per end-to-end status, and outbox lag. Both
 * are drawn by the shared {@link LineChart}; this class turns the demo's samples into its lines,
 * keeping each to a few hundred points so a long run still gives a light page.
 */
final class TimelineCharts {

  /** One line of a chart, for the legend beside it. */
  record Legend(String name, String colour) {}

  /** A chart ready for the page: its SVG and its legend. */
  record Figure(String svg, List<Legend> legend) {}

  /** The statuses radflow reports, in the order a study meets them, each with a fixed colour. */
  static final Map<String, String> STATUS_COLOURS = statusColours();

  /** Colours for a status this report does not know, given in name order. */
  private static final List<String> SPARE_COLOURS =
      List.of("#0a3069", "#953800", "#116329", "#a475f9", "#1b7c83", "#6639ba");

  static final String LAG_P50_COLOUR = "#0969da";
  static final String LAG_P95_COLOUR = "#bf8700";
  static final String LAG_MAX_COLOUR = "#cf222e";
  static final String RELAY_COLOUR = "#6e7781";

  /** At most this many points per status line; one sample a second makes 300 in five minutes. */
  static final int MOST_POINTS = 240;

  /** The lag chart's line has a point per slice of the run: the run cut into this many. */
  static final int LAG_SLICES = 60;

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private TimelineCharts() {}

  /** One line per status seen in any sample, or nothing when there is no sample. */
  static Optional<Figure> studiesPerStatus(
      List<DemoTimeline.StatusSample> samples, Instant from, Instant to) {
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    List<DemoTimeline.StatusSample> drawn = thinned(samples);
    List<LineChart.Series> series = new ArrayList<>();
    List<Legend> legend = new ArrayList<>();
    Map<String, String> colours = coloursFor(samples);
    colours.forEach(
        (status, colour) -> {
          List<LineChart.Point> points =
              drawn.stream()
                  .map(
                      s ->
                          new LineChart.Point(s.at(), s.studiesByStatus().getOrDefault(status, 0L)))
                  .toList();
          series.add(new LineChart.Series(status, colour, points));
          legend.add(new Legend(status, colour));
        });
    String svg =
        LineChart.describedSvg(
            "Studies per end-to-end status over the run",
            statusDescription(samples, colours.keySet()),
            from,
            to,
            series);
    return Optional.of(new Figure(svg, legend));
  }

  /**
   * The lag's median, 95th percentile and largest per slice of the run, or nothing when no event
   * arrived.
   */
  static Optional<Figure> outboxLag(
      List<DemoTimeline.LagSample> lag,
      List<DemoTimeline.LagSample> relay,
      Percentiles overall,
      Instant from,
      Instant to) {
    if (lag.isEmpty()) {
      return Optional.empty();
    }
    long slice = Math.max(1, Duration.between(from, to).toMillis() / LAG_SLICES);
    Map<Long, List<Long>> slices = new TreeMap<>();
    for (DemoTimeline.LagSample sample : lag) {
      long index =
          Math.max(
              0, Math.min(LAG_SLICES - 1, Duration.between(from, sample.at()).toMillis() / slice));
      slices.computeIfAbsent(index, i -> new ArrayList<>()).add(sample.millis());
    }
    List<LineChart.Point> p50 = new ArrayList<>();
    List<LineChart.Point> p95 = new ArrayList<>();
    List<LineChart.Point> max = new ArrayList<>();
    slices.forEach(
        (index, millis) -> {
          Instant middle = from.plusMillis(index * slice + slice / 2);
          Percentiles figures = Percentiles.of(millis);
          p50.add(new LineChart.Point(middle, figures.p50()));
          p95.add(new LineChart.Point(middle, figures.p95()));
          max.add(new LineChart.Point(middle, figures.max()));
        });
    List<LineChart.Series> series = new ArrayList<>();
    series.add(new LineChart.Series("max", LAG_MAX_COLOUR, max));
    series.add(new LineChart.Series("p95", LAG_P95_COLOUR, p95));
    series.add(new LineChart.Series("p50", LAG_P50_COLOUR, p50));
    List<Legend> legend = new ArrayList<>();
    legend.add(new Legend("p50", LAG_P50_COLOUR));
    legend.add(new Legend("p95", LAG_P95_COLOUR));
    legend.add(new Legend("max", LAG_MAX_COLOUR));
    if (!relay.isEmpty()) {
      List<LineChart.Point> oldest =
          thinned(relay).stream().map(r -> new LineChart.Point(r.at(), r.millis())).toList();
      series.add(new LineChart.Series("oldest unpublished", RELAY_COLOUR, oldest));
      legend.add(new Legend("oldest unpublished (relay)", RELAY_COLOUR));
    }
    String description =
        "%d events; lag from commit to webhook: p50 %s, p95 %s, max %s."
            .formatted(
                overall.count(),
                ReportText.millis(overall.p50()),
                ReportText.millis(overall.p95()),
                ReportText.millis(overall.max()));
    if (!relay.isEmpty()) {
      long worst = relay.stream().mapToLong(DemoTimeline.LagSample::millis).max().orElse(0);
      description +=
          " Oldest event not yet published by the relay, at worst: %s."
              .formatted(ReportText.millis(worst));
    }
    String svg = LineChart.describedSvg("Outbox lag over the run", description, from, to, series);
    return Optional.of(new Figure(svg, legend));
  }

  /** Every k-th sample, and always the last, so the line ends where the run ended. */
  static <T> List<T> thinned(List<T> samples) {
    int every = (samples.size() + MOST_POINTS - 1) / MOST_POINTS;
    List<T> kept = new ArrayList<>();
    for (int i = 0; i < samples.size(); i += every) {
      kept.add(samples.get(i));
    }
    if ((samples.size() - 1) % every != 0) {
      kept.add(samples.get(samples.size() - 1));
    }
    return kept;
  }

  private static Map<String, String> coloursFor(List<DemoTimeline.StatusSample> samples) {
    TreeSet<String> seen = new TreeSet<>();
    samples.forEach(s -> seen.addAll(s.studiesByStatus().keySet()));
    Map<String, String> colours = new LinkedHashMap<>();
    STATUS_COLOURS.forEach(
        (status, colour) -> {
          if (seen.remove(status)) {
            colours.put(status, colour);
          }
        });
    int spare = 0;
    for (String status : seen) {
      colours.put(status, SPARE_COLOURS.get(spare++ % SPARE_COLOURS.size()));
    }
    return colours;
  }

  private static String statusDescription(
      List<DemoTimeline.StatusSample> samples, Iterable<String> statuses) {
    DemoTimeline.StatusSample last = samples.get(samples.size() - 1);
    StringBuilder atEnd = new StringBuilder("At the end (" + CLOCK.format(last.at()) + " UTC): ");
    StringBuilder most = new StringBuilder("Most at once: ");
    for (String status : statuses) {
      atEnd.append(status).append(' ').append(last.studiesByStatus().getOrDefault(status, 0L));
      atEnd.append("; ");
      long peak =
          samples.stream()
              .mapToLong(s -> s.studiesByStatus().getOrDefault(status, 0L))
              .max()
              .orElse(0);
      most.append(status).append(' ').append(peak).append("; ");
    }
    return atEnd.toString().trim() + " " + most.toString().trim();
  }

  private static Map<String, String> statusColours() {
    Map<String, String> colours = new LinkedHashMap<>();
    colours.put("ACTIVE", "#0969da");
    colours.put("WAITING", "#bf8700");
    colours.put("SUSPENDED", "#fb8500");
    colours.put("IN_EXCEPTION", "#cf222e");
    colours.put("CLINICALLY_COMPLETE", "#8250df");
    colours.put("FINANCIALLY_COMPLETE", "#1a7f37");
    colours.put("CANCELLED", "#6e7781");
    return Collections.unmodifiableMap(colours);
  }
}
