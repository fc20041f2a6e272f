package org.radflow.bench;

import java.util.List;
import java.util.Locale;
import org.radflow.svg.Svg;

/**
 * A bench sweep drawn as SVG: one panel per measure (throughput, p99, …), stacked, each with the
 * same horizontal axis of measured points (client counts, evenly spaced and labelled) and a line
 * per series. Written by hand beside {@link org.radflow.svg.LineChart}, whose axis is time where a
 * sweep's is client counts; every text is escaped, so a label cannot break the document.
 */
final class SweepChart {

  /** One line: its name in the legend, its colour, and one value for each point of the axis. */
  record Series(String name, String colour, List<Double> values) {
    Series {
      values = List.copyOf(values);
    }
  }

  /** One measure: its title, its unit, and its lines. */
  record Panel(String title, String unit, List<Series> series) {
    Panel {
      series = List.copyOf(series);
    }
  }

  static final int WIDTH = 640;
  static final int PANEL_HEIGHT = 260;
  static final int LEFT = 64;
  static final int RIGHT = 16;
  static final int TOP = 48;
  static final int BOTTOM = 40;

  private SweepChart() {}

  /**
   * The chart: {@code title} above, {@code panels} stacked, their horizontal axis the points named
   * by {@code labels} under {@code axis}. Each series has a value for each label.
   */
  static String svg(String title, String axis, List<String> labels, List<Panel> panels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("a chart needs at least one point");
    }
    for (Panel panel : panels) {
      for (Series s : panel.series()) {
        if (s.values().size() != labels.size()) {
          throw new IllegalArgumentException(
              s.name() + " has " + s.values().size() + " values for " + labels.size() + " points");
        }
      }
    }
    int height = 24 + PANEL_HEIGHT * panels.size();
    StringBuilder svg = new StringBuilder(8192);
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" font-family=\"sans-serif\" role=\"img\"><title>")
        .append(Svg.escape(title))
        .append("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
        .append(text(WIDTH / 2.0, 18, "middle", 14, "#24292f", title));
    for (int i = 0; i < panels.size(); i++) {
      panel(svg, 24 + i * PANEL_HEIGHT, axis, labels, panels.get(i));
    }
    return svg.append("</svg>\n").toString();
  }

  /** Where a point and a value fall in a panel whose top edge is at {@code offset}. */
  record Frame(double offset, int points, double top) {

    double x(int point) {
      double width = WIDTH - LEFT - RIGHT;
      return points == 1 ? LEFT + width / 2 : LEFT + width * point / (points - 1);
    }

    double y(double value) {
      double bottom = offset + PANEL_HEIGHT - BOTTOM;
      return bottom - (PANEL_HEIGHT - TOP - BOTTOM) * (value / top);
    }
  }

  private static void panel(
      StringBuilder svg, double offset, String axis, List<String> labels, Panel panel) {
    double max =
        panel.series().stream()
            .flatMap(s -> s.values().stream())
            .filter(Double::isFinite)
            .mapToDouble(Double::doubleValue)
            .max()
            .orElse(0);
    double step = niceStep(max);
    double top = Math.max(step, Math.ceil(max / step) * step);
    Frame frame = new Frame(offset, labels.size(), top);
    svg.append("<g class=\"panel\">\n")
        .append(text(LEFT, offset + 16, "start", 13, "#24292f", panel.title()))
        .append(text(12, offset + TOP - 8, "start", 11, "#57606a", panel.unit())); // the unit, atop
    for (double tick = 0; tick <= top + step / 2; tick += step) {
      double y = frame.y(tick);
      svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#d0d7de"))
          .append(text(LEFT - 6, y + 4, "end", 11, "#57606a", number(tick)));
    }
    double base = frame.y(0);
    svg.append(line(LEFT, base, WIDTH - RIGHT, base, "#57606a"))
        .append(line(LEFT, frame.y(top), LEFT, base, "#57606a"));
    for (int i = 0; i < labels.size(); i++) {
      double x = frame.x(i);
      svg.append(line(x, base, x, base + 4, "#57606a"))
          .append(text(x, base + 16, "middle", 11, "#57606a", labels.get(i)));
    }
    svg.append(text(WIDTH / 2.0, base + 32, "middle", 11, "#57606a", axis));
    double legendX = WIDTH - RIGHT - 160.0 * panel.series().size();
    for (int s = 0; s < panel.series().size(); s++) {
      Series series = panel.series().get(s);
      double x = legendX + 160.0 * s;
      svg.append("<g class=\"legend\">")
          .append(line(x, offset + 12, x + 20, offset + 12, series.colour(), 3))
          .append(text(x + 26, offset + 16, "start", 11, "#24292f", series.name()))
          .append("</g>\n");
      series(svg, frame, series);
    }
    svg.append("</g>\n");
  }

  private static void series(StringBuilder svg, Frame frame, Series series) {
    svg.append("<g class=\"series\"><title>").append(Svg.escape(series.name())).append("</title>");
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < series.values().size(); i++) {
      double value = series.values().get(i);
      if (Double.isFinite(value)) {
        points
            .append(Svg.fixed(frame.x(i)))
            .append(',')
            .append(Svg.fixed(frame.y(value)))
            .append(' ');
      }
    }
    svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
        .append(Svg.escape(series.colour()))
        .append("\" points=\"")
        .append(points.toString().strip())
        .append("\"/>");
    for (int i = 0; i < series.values().size(); i++) {
      double value = series.values().get(i);
      if (Double.isFinite(value)) {
        svg.append("<circle r=\"3\" fill=\"")
            .append(Svg.escape(series.colour()))
            .append("\" cx=\"")
            .append(Svg.fixed(frame.x(i)))
            .append("\" cy=\"")
            .append(Svg.fixed(frame.y(value)))
            .append("\"><title>")
            .append(Svg.escape(series.name() + ": " + number(value)))
            .append("</title></circle>");
      }
    }
    svg.append("</g>\n");
  }

  /** A step of 1, 2 or 5 times a power of ten that cuts the axis into about four parts. */
  static double niceStep(double max) {
    if (!(max > 0)) {
      return 1;
    }
    double rough = max / 4;
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / power;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * power;
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return line(x1, y1, x2, y2, colour, 1);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour, int width) {
    return "<line x1=\""
        + Svg.fixed(x1)
        + "\" y1=\""
        + Svg.fixed(y1)
        + "\" x2=\""
        + Svg.fixed(x2)
        + "\" y2=\""
        + Svg.fixed(y2)
        + "\" stroke=\""
        + Svg.escape(colour)
        + "\" stroke-width=\""
        + width
        + "\"/>";
  }

  private static String text(
      double x, double y, String anchor, int size, String colour, String content) {
    return "<text x=\""
        + Svg.fixed(x)
        + "\" y=\""
        + Svg.fixed(y)
        + "\" font-size=\""
        + size
        + "\" fill=\""
        + colour
        + "\" text-anchor=\""
        + anchor
        + "\">"
        + Svg.escape(content)
        + "</text>";
  }

  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
  }
}
