package org.radflow.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scrape of {@code /actuator/prometheus} in the Prometheus text format: the families with their
 * types (from {@code # TYPE}), and the sample names and values.
 */
record Scrape(String text, Map<String, String> types, Set<String> sampleNames) {

  /** The suffixes a family's samples may add to its name. */
  private static final List<String> SUFFIXES =
      List.of("_total", "_count", "_sum", "_bucket", "_created", "_gcount", "_gsum");

  static Scrape parse(String text) {
    Map<String, String> types = new LinkedHashMap<>();
    Set<String> samples = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        types.put(parts[2], parts[3]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        int end = line.indexOf('{');
        samples.add(end < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, end));
      }
    }
    return new Scrape(text, types, samples);
  }

  /** The family a sample belongs to: its own name if typed, else its name less a suffix. */
  Optional<String> familyOf(String sample) {
    if (types.containsKey(sample)) {
      return Optional.of(sample);
    }
    for (String suffix : SUFFIXES) {
      if (sample.endsWith(suffix)) {
        String base = sample.substring(0, sample.length() - suffix.length());
        if (types.containsKey(base)) {
          return Optional.of(base);
        }
      }
    }
    return Optional.empty();
  }

  Optional<String> typeOf(String sample) {
    return familyOf(sample).map(types::get);
  }

  /** The sum of the values of a sample name's lines that hold {@code labels}, e.g. code="AA". */
  double valueOf(String name, String labels) {
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") && line.contains(labels)) {
        sum += parseValue(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static double parseValue(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }
}
