package org.radflow.svg;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A line chart over time, drawn on the server as SVG: no script, no library, readable in a
 * screenshot and by a screen reader (its title, and a description that says the latest values or
 * whatever the caller gives). Every text that comes from data is escaped. Shared by the console's
 * overview (hours of minute samples) and the demo's report (minutes of second samples), so the time
 * axis is marked in hours, minutes or seconds as the span asks.
 */
public final class LineChart {

  /** One line: a name for the legend, its colour, and its points in time order. */
  public record Series(String name, String colour, List<Point> points) {

    public Series {
      points = List.copyOf(points);
    }
  }

  public record Point(Instant at, double value) {}

  private static final int WIDTH = 640;
  private static final int HEIGHT = 190;
  private static final int LEFT = 48;
  private static final int RIGHT = 10;
  private static final int TOP = 10;
  private static final int BOTTOM = 24;
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Steps for a span under an hour, each a divisor of an hour so ticks fall on round times. */
  private static final List<Duration> SHORT_STEPS =
      List.of(1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800).stream()
          .map(Duration::ofSeconds)
          .toList();

  private LineChart() {}

  /**
   * The chart of {@code series} between {@code from} and {@code to}, values in {@code unit}, the
   * vertical axis from zero to a round number above the largest value.
   */
  public static String svg(
      String title, String unit, Instant from, Instant to, List<Series> series) {
    return describedSvg(title, latestValues(unit, series), from, to, series);
  }

  /**
   * The chart of {@code series} between {@code from} and {@code to}, its description for screen
   * readers given by the caller (the figures that matter when the latest values do not).
   */
  public static String describedSvg(
      String title, String description, Instant from, Instant to, List<Series> series) {
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
        .append(Svg.escape(description))
        .append("</desc>");
    Plot plot = new Plot(from, to, top);
    for (double tick = 0; tick <= top + step / 2; tick += step) {
      double y = plot.y(tick);
      svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#d0d7de"))
          .append(text(LEFT - 4, y + 4, "end", number(tick)));
    }
    Duration every = tickStep(Duration.between(from, to));
    DateTimeFormatter label = every.toSeconds() % 60 == 0 ? MINUTES : SECONDS;
    long everyMillis = every.toMillis();
    // ticks at whole multiples of the step since the epoch: round times of day in UTC
    long first = Math.floorDiv(from.toEpochMilli(), everyMillis) * everyMillis + everyMillis;
    for (Instant tick = Instant.ofEpochMilli(first); tick.isBefore(to); tick = tick.plus(every)) {
      double x = plot.x(tick);
      svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#eaeef2"))
          .append(text(x, HEIGHT - 8, "middle", label.format(tick)));
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

  /**
   * How far apart the time axis is marked: 1, 2, 4 or 12 hours for spans of an hour or more (at
   * most six or so marks); for shorter spans the smallest round step that gives at most six.
   */
  static Duration tickStep(Duration span) {
    long hours = span.toHours();
    if (hours >= 1) {
      return Duration.ofHours(hours <= 6 ? 1 : hours <= 12 ? 2 : hours <= 24 ? 4 : 12);
    }
    for (Duration step : SHORT_STEPS) {
      if (span.toMillis() <= 6 * step.toMillis()) {
        return step;
      }
    }
    return SHORT_STEPS.get(SHORT_STEPS.size() - 1);
  }

  /** A step of 1, 2 or 5 times a power of ten that cuts the axis into about four parts. */
  public static double niceStep(double max) {
    if (!(max > 0)) {
      return 1;
    }
    double rough = max / 4;
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / power;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return Math.max(nice * power, max < 4 ? 1 : 0);
  }

  /** The default description: the last value of each series, in {@code unit}. */
  public static String latestValues(String unit, List<Series> series) {
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

  /** A value as an axis label: whole numbers without a decimal, others with one. */
  public static String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
