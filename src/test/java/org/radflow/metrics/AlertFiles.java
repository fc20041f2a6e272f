package org.radflow.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped alert rules and dashboard, read as their tools read them, and the expressions in
 * them: where each expression came from (alert name, or panel title and refId) and what it says.
 */
final class AlertFiles {

  static final Path RULES = Path.of("deploy/prometheus/radflow-alerts.yml");
  static final Path DASHBOARD = Path.of("deploy/grafana/radflow.json");

  private AlertFiles() {}

  /** The rule file as YAML: a map with {@code groups}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> rules() {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    return (Map<String, Object>) yaml.load(read(RULES));
  }

  /** Every rule of every group, in order. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> alertRules() {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) rules().get("groups")) {
      all.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    return all;
  }

  static JsonNode dashboard() {
    return JsonMapper.builder().build().readTree(read(DASHBOARD));
  }

  /** Every expression, keyed by where it is: "alert X" or "panel 'T' target A". */
  static Map<String, String> expressions() {
    Map<String, String> exprs = new LinkedHashMap<>();
    for (Map<String, Object> rule : alertRules()) {
      exprs.put("alert " + rule.get("alert"), String.valueOf(rule.get("expr")));
    }
    for (JsonNode panel : dashboard().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        exprs.put(
            "panel '"
                + panel.path("title").asString()
                + "' target "
                + target.path("refId").asString(),
            target.path("expr").asString());
      }
    }
    return exprs;
  }

  /** Every metric name the expressions read, each with the first place that reads it. */
  static Map<String, String> metricNames() {
    Map<String, String> names = new LinkedHashMap<>();
    expressions()
        .forEach(
            (where, expr) -> PromQl.metricNames(expr).forEach(n -> names.putIfAbsent(n, where)));
    return names;
  }

  /** The anchors GitHub gives the headings of a Markdown file. */
  static Set<String> headingAnchors(Path markdown) {
    Set<String> anchors = new TreeSet<>();
    boolean fenced = false;
    for (String line : read(markdown).split("\n")) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced && line.matches("#{1,6} .*")) {
        String title = line.replaceFirst("#{1,6} ", "").strip();
        anchors.add(
            title
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
