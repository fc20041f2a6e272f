package org.radflow.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.radflow.svg.Svg;

/**
 * A line chart over time, drawn on the server as SVG: no script, no library, readable in a
 * screenshot and by a screen reader (its title and a description that says the latest values).
 * Every text that comes from data is escaped.
 */
final class LineChart {

  /** One line: a name for the legend, its colour, and its points in time order. */
  record Series(String name, String colour, List<Point> points) {

    Series {
      points = List.copyOf(points);
    }
  }

  record Point(Instant at, double value) {}

  private static final int WIDTH = 640;
  private static final int HEIGHT = 190;
  private static final int LEFT = 48;
  private static final int RIGHT = 10;
  private static final int TOP = 10;
  private static final int BOTTOM = 24;
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  private LineChart() {}

  /**
   * The chart of {@code series} between {@code from} and {@code to}, values in {@code unit}, the
   * vertical axis from zero to a round number above the largest value.
   */
  static String svg(String title, String unit, Instant from, Instant to, List<Series> series) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    double max =
        series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::value).max().orElse(0);
    double step = niceStep(max);
    double top = Math.max(step, Math.ceil(max / step) * step);
    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\"><title>")
        .append(Svg.escape(title))
        .append("</title><desc>")
        .append(Svg.escape(description(unit, series)))
        .append("</desc>");
    Plot plot = new Plot(from, to, top);
    for (double tick = 0; tick <= top + step / 2; tick += step) {
      double y = plot.y(tick);
      svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#d0d7de"))
          .append(text(LEFT - 4, y + 4, "end", number(tick)));
    }
    long hours = Math.max(1, Duration.between(from, to).toHours());
    long every = hours <= 6 ? 1 : hours <= 12 ? 2 : hours <= 24 ? 4 : 12;
    Instant tick = from.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
    for (; tick.isBefore(to); tick = tick.plus(Duration.ofHours(1))) {
      if (tick.atZone(ZoneOffset.UTC).getHour() % every == 0) {
        double x = plot.x(tick);
        svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#eaeef2"))
            .append(text(x, HEIGHT - 8, "middle", HOUR.format(tick)));
      }
    }
    svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#57606a"));
    for (Series s : series) {
      if (s.points().isEmpty()) {
        continue;
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(Svg.escape(s.colour()))
          .append("\" points=\"");
      for (Point p : s.points()) {
        svg.append(Svg.fixed(plot.x(p.at())))
            .append(',')
            .append(Svg.fixed(plot.y(p.value())))
            .append(' ');
      }
      svg.append("\"><title>").append(Svg.escape(s.name())).append("</title></polyline>");
      // a dot on each point, so a line of one point (the first sample) is seen too
      for (Point p : s.points()) {
        svg.append("<circle r=\"2.5\" fill=\"")
            .append(Svg.escape(s.colour()))
            .append("\" cx=\"")
            .append(Svg.fixed(plot.x(p.at())))
            .append("\" cy=\"")
            .append(Svg.fixed(plot.y(p.value())))
            .append("\"/>");
      }
    }
    return svg.append("</svg>").toString();
  }

  /** Where a time and a value fall on the drawing. */
  private record Plot(Instant from, Instant to, double top) {

    double x(Instant at) {
      double span = Duration.between(from, to).toMillis();
      double offset = Duration.between(from, at).toMillis();
      return LEFT + (WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(1, offset / span));
    }

    double y(double value) {
      return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (value / top);
    }
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
    return Math.max(nice * power, max < 4 ? 1 : 0);
  }

  private static String description(String unit, List<Series> series) {
    StringBuilder latest = new StringBuilder("Latest values (" + unit + "): ");
    for (Series s : series) {
      if (!s.points().isEmpty()) {
        latest
            .append(s.name())
            .append(' ')
            .append(number(s.points().get(s.points().size() - 1).value()))
            .append("; ");
      }
    }
    return latest.toString().trim();
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return "<line x1=\""
        + Svg.fixed(x1)
        + "\" y1=\""
        + Svg.fixed(y1)
        + "\" x2=\""
        + Svg.fixed(x2)
        + "\" y2=\""
        + Svg.fixed(y2)
        + "\" stroke=\""
        + colour
        + "\" stroke-width=\"1\"/>";
  }

  private static String text(double x, double y, String anchor, String content) {
    return "<text x=\""
        + Svg.fixed(x)
        + "\" y=\""
        + Svg.fixed(y)
        + "\" font-size=\"11\" fill=\"#57606a\" text-anchor=\""
        + anchor
        + "\">"
        + Svg.escape(content)
        + "</text>";
  }

  static String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
