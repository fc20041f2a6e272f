package org.radflow.svg;

import java.util.Locale;

/**
 * What every hand-drawn SVG of radflow's needs: text escaped for XML, and coordinates written the
 * same way whatever the locale. Shared by the console's charts and the benchmarks' plots.
 */
public final class Svg {

  private Svg() {}

  /** A coordinate with one decimal, with a dot whatever the locale. */
  public static String fixed(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Text as XML character data or an attribute value; control characters become spaces. */
  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c < ' ' ? ' ' : c); // XML 1.0 has no control characters
      }
    }
    return escaped.toString();
  }
}
