package org.radflow.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.radflow.svg.Svg;

/**
 * The report's step latency: one row per step kind, with three nested bars on a logarithmic axis
 * (the largest, the 95th percentile and the median, darkest in front) and the three figures in
 * columns at the right, so it reads as a table too. Logarithmic because a step that waits for a
 * radiologist and one that writes a record differ by orders of magnitude.
 */
final class StepLatencyChart {

  /** One kind's row: its name and its figures. */
  record Row(String kind, Percentiles figures) {}

  static final String P50_COLOUR = "#0550ae";
  static final String P95_COLOUR = "#54aeff";
  static final String MAX_COLOUR = "#b6e3ff";

  private static final int WIDTH = 1000;
  private static final int LEFT = 270;
  private static final int PLOT_RIGHT = 740;
  private static final int TOP = 34;
  private static final int ROW = 30;
  private static final int BAR = 16;
  private static final int BOTTOM = 30;
  private static final int[] FIGURE_COLUMNS = {765, 850, 935};

  private StepLatencyChart() {}

  /** The rows for {@code stepMillis}, by kind name; kinds without a finished step are left out. */
  static List<Row> rows(Map<String, List<Long>> stepMillis) {
    List<Row> rows = new ArrayList<>();
    new TreeMap<>(stepMillis)
        .forEach(
            (kind, millis) -> {
              if (!millis.isEmpty()) {
                rows.add(new Row(kind, Percentiles.of(millis)));
              }
            });
    return rows;
  }

  /** The chart of {@code rows}, which must not be empty. */
  static String svg(List<Row> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("rows must not be empty");
    }
    LogAxis axis = LogAxis.spanning(rows);
    int height = TOP + rows.size() * ROW + BOTTOM;
    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\"><title>Step latency by step kind</title><desc>")
        .append(Svg.escape(description(rows)))
        .append("</desc>");
    String[] headings = {"p50", "p95", "max"};
    String[] colours = {P50_COLOUR, P95_COLOUR, MAX_COLOUR};
    for (int i = 0; i < headings.length; i++) {
      svg.append(rect(FIGURE_COLUMNS[i], 10, 10, 10, colours[i], "swatch"))
          .append(text(FIGURE_COLUMNS[i] + 14, 19, "start", 12, "#24292f", headings[i]));
    }
    svg.append(text(LEFT - 8, 19, "end", 12, "#24292f", "step kind (steps)"));
    int bottom = TOP + rows.size() * ROW;
    for (long decade = axis.low(); decade <= axis.high(); decade *= 10) {
      double x = axis.x(decade);
      svg.append(line(x, TOP - 4, x, bottom, "#d0d7de"))
          .append(text(x, bottom + 18, "middle", 11, "#57606a", decadeLabel(decade)));
    }
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      Percentiles f = row.figures();
      double y = TOP + i * ROW + (ROW - BAR) / 2.0;
      double middle = y + BAR / 2.0 + 4;
      svg.append(text(LEFT - 8, middle, "end", 12, "#24292f", row.kind() + " (" + f.count() + ")"));
      svg.append(bar(axis, y, f.max(), MAX_COLOUR, "max", row.kind()))
          .append(bar(axis, y, f.p95(), P95_COLOUR, "p95", row.kind()))
          .append(bar(axis, y, f.p50(), P50_COLOUR, "p50", row.kind()));
      long[] figures = {f.p50(), f.p95(), f.max()};
      for (int c = 0; c < figures.length; c++) {
        svg.append(
            text(FIGURE_COLUMNS[c], middle, "start", 12, "#24292f", ReportText.millis(figures[c])));
      }
    }
    svg.append(line(LEFT, bottom, PLOT_RIGHT, bottom, "#57606a"));
    return svg.append("</svg>").toString();
  }

  /** Decades from the one at or below the smallest median to the one at or above the largest. */
  private record LogAxis(long low, long high) {

    static LogAxis spanning(List<Row> rows) {
      long smallest = rows.stream().mapToLong(r -> r.figures().p50()).min().orElseThrow();
      long largest = rows.stream().mapToLong(r -> r.figures().max()).max().orElseThrow();
      long low = 1;
      while (low * 10 <= Math.max(1, smallest)) {
        low *= 10;
      }
      long high = low * 10;
      while (high < largest) {
        high *= 10;
      }
      return new LogAxis(low, high);
    }

    double x(double millis) {
      double fraction =
          (Math.log10(Math.max(millis, low)) - Math.log10(low))
              / (Math.log10(high) - Math.log10(low));
      return LEFT + (PLOT_RIGHT - LEFT) * fraction;
    }
  }

  private static String description(List<Row> rows) {
    StringBuilder text =
        new StringBuilder("Time from creation to finish, nearest-rank percentiles. ");
    for (Row row : rows) {
      Percentiles f = row.figures();
      text.append(row.kind())
          .append(": ")
          .append(f.count())
          .append(f.count() == 1 ? " step" : " steps")
          .append(", p50 ")
          .append(ReportText.millis(f.p50()))
          .append(", p95 ")
          .append(ReportText.millis(f.p95()))
          .append(", max ")
          .append(ReportText.millis(f.max()))
          .append("; ");
    }
    return text.toString().trim();
  }

  private static String decadeLabel(long millis) {
    return millis < 1_000 ? millis + " ms" : millis / 1_000 + " s";
  }

  private static String bar(
      LogAxis axis, double y, long millis, String colour, String figure, String kind) {
    double width = Math.max(1, axis.x(millis) - LEFT);
    return "<rect class=\""
        + figure
        + "\" x=\""
        + LEFT
        + "\" y=\""
        + Svg.fixed(y)
        + "\" width=\""
        + Svg.fixed(width)
        + "\" height=\""
        + BAR
        + "\" fill=\""
        + colour
        + "\"><title>"
        + Svg.escape(kind + " " + figure + " " + ReportText.millis(millis))
        + "</title></rect>";
  }

  private static String rect(int x, int y, int width, int height, String colour, String kind) {
    return "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
        .formatted(kind, x, y, width, height, colour);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"1\"/>"
        .formatted(Svg.fixed(x1), Svg.fixed(y1), Svg.fixed(x2), Svg.fixed(y2), colour);
  }

  private static String text(
      double x, double y, String anchor, int size, String colour, String content) {
    return "<text x=\"%s\" y=\"%s\" font-size=\"%d\" fill=\"%s\" text-anchor=\"%s\">%s</text>"
        .formatted(Svg.fixed(x), Svg.fixed(y), size, colour, anchor, Svg.escape(content));
  }
}
