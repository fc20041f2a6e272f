package org.radflow.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.radflow.lifecycle.StatusSample;
import org.radflow.orchestration.StepDuration;
import org.radflow.study.EndToEndStatus;
import org.radflow.svg.LineChart;

/**
 * The overview's two charts: studies per end-to-end status over the last hours (from the minute
 * samples), and how long steps took from being written to succeeding, per half hour (p50 and p95,
 * nearest rank).
 */
final class OverviewCharts {

  /** One line of a chart, for the legend beside it. */
  record Legend(String name, String colour) {}

  /** A chart ready for the page: its SVG and its legend. */
  record Chart(String svg, List<Legend> legend, boolean empty) {}

  static final Duration WINDOW = Duration.ofHours(12);
  static final Duration BUCKET = Duration.ofMinutes(30);

  private static final Map<EndToEndStatus.Kind, String> COLOURS =
      Map.of(
          EndToEndStatus.Kind.ACTIVE, "#0969da",
          EndToEndStatus.Kind.WAITING, "#bf8700",
          EndToEndStatus.Kind.SUSPENDED, "#fb8500",
          EndToEndStatus.Kind.IN_EXCEPTION, "#cf222e",
          EndToEndStatus.Kind.CLINICALLY_COMPLETE, "#8250df",
          EndToEndStatus.Kind.FINANCIALLY_COMPLETE, "#1a7f37",
          EndToEndStatus.Kind.CANCELLED, "#6e7781");

  private OverviewCharts() {}

  static Chart studiesPerStatus(List<StatusSample> samples, Instant now) {
    List<LineChart.Series> series = new ArrayList<>();
    List<Legend> legend = new ArrayList<>();
    for (EndToEndStatus.Kind kind : EndToEndStatus.Kind.values()) {
      List<LineChart.Point> points =
          samples.stream()
              .map(s -> new LineChart.Point(s.sampledAt(), s.studies().getOrDefault(kind, 0L)))
              .toList();
      series.add(new LineChart.Series(kind.name(), COLOURS.get(kind), points));
      legend.add(new Legend(kind.name(), COLOURS.get(kind)));
    }
    String svg =
        LineChart.svg(
            "Studies per end-to-end status, last 12 hours",
            "studies",
            now.minus(WINDOW),
            now,
            series);
    return new Chart(svg, legend, samples.isEmpty());
  }

  static Chart stepLatency(List<StepDuration> steps, Instant now) {
    Map<Instant, List<Double>> buckets = new TreeMap<>();
    Instant from = now.minus(WINDOW);
    for (StepDuration step : steps) {
      long index = Duration.between(from, step.completedAt()).toMillis() / BUCKET.toMillis();
      Instant middle = from.plus(BUCKET.multipliedBy(index)).plus(BUCKET.dividedBy(2));
      buckets
          .computeIfAbsent(middle, b -> new ArrayList<>())
          .add(step.duration().toMillis() / 1000.0);
    }
    List<LineChart.Point> p50 = new ArrayList<>();
    List<LineChart.Point> p95 = new ArrayList<>();
    buckets.forEach(
        (at, seconds) -> {
          double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          p50.add(new LineChart.Point(at, percentile(sorted, 50)));
          p95.add(new LineChart.Point(at, percentile(sorted, 95)));
        });
    List<LineChart.Series> series =
        List.of(
            new LineChart.Series("p50", "#0969da", p50),
            new LineChart.Series("p95", "#cf222e", p95));
    String svg =
        LineChart.svg(
            "Step latency, written to succeeded, per half hour", "seconds", from, now, series);
    return new Chart(
        svg, List.of(new Legend("p50", "#0969da"), new Legend("p95", "#cf222e")), steps.isEmpty());
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, int percent) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }
}
