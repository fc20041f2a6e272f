package org.radflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The shipped alert rules and dashboard are well formed: every rule carries what an on-call person
 * needs (severity, summary, description, a runbook that exists), and every dashboard query goes to
 * the data source the person importing it chooses. That the metrics they name are exported is
 * {@link AlertMetricsExportedTest}'s part.
 */
class AlertRulesTest {

  /** The operations guide, whose runbook headings the rules' runbook_url name. */
  static final Path RUNBOOKS = Path.of("docs/operations.md");

  private static final String RUNBOOK_PREFIX = "docs/operations.md#";
  private static final Set<String> SEVERITIES = Set.of("critical", "warning");

  @Test
  @SuppressWarnings("unchecked")
  void every_group_has_a_name_and_rules() {
    List<Map<String, Object>> groups = (List<Map<String, Object>>) AlertFiles.rules().get("groups");
    assertThat(groups).isNotEmpty();
    for (Map<String, Object> group : groups) {
      assertThat(group.get("name")).as("a group's name").isInstanceOf(String.class);
      assertThat((List<?>) group.get("rules"))
          .as("rules of group %s", group.get("name"))
          .isNotEmpty();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void every_rule_is_an_alert_with_severity_summary_description_and_runbook() {
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Map<String, Object> rule : AlertFiles.alertRules()) {
      Object alert = rule.get("alert");
      if (!(alert instanceof String name) || !name.matches("Radflow[A-Z][A-Za-z0-9]+")) {
        problems.add("a rule without an alert name of the form RadflowSomething: " + rule);
        continue;
      }
      if (!names.add(name)) {
        problems.add(name + ": two rules have this name");
      }
      if (!(rule.get("expr") instanceof String expr) || expr.isBlank()) {
        problems.add(name + ": no expr");
      }
      if (!(rule.get("for") instanceof String wait) || !wait.matches("([0-9]+[smhd])+")) {
        problems.add(name + ": 'for' must be a Prometheus duration, was " + rule.get("for"));
      }
      Map<String, Object> labels = (Map<String, Object>) rule.getOrDefault("labels", Map.of());
      if (!SEVERITIES.contains(String.valueOf(labels.get("severity")))) {
        problems.add(name + ": labels.severity must be one of " + SEVERITIES);
      }
      Map<String, Object> annotations =
          (Map<String, Object>) rule.getOrDefault("annotations", Map.of());
      for (String key : List.of("summary", "description", "runbook_url")) {
        if (!(annotations.get(key) instanceof String text) || text.isBlank()) {
          problems.add(name + ": no annotations." + key);
        }
      }
    }
    assertThat(problems).as("problems in %s", AlertFiles.RULES).isEmpty();
  }

  @Test
  void every_runbook_url_names_a_runbook_that_exists_and_no_two_alerts_share_one() {
    Set<String> anchors = AlertFiles.headingAnchors(RUNBOOKS);
    List<String> problems = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Map<String, Object> rule : AlertFiles.alertRules()) {
      String url = String.valueOf(((Map<?, ?>) rule.get("annotations")).get("runbook_url"));
      if (!url.startsWith(RUNBOOK_PREFIX)) {
        problems.add(rule.get("alert") + ": runbook_url must start with " + RUNBOOK_PREFIX);
        continue;
      }
      String anchor = url.substring(RUNBOOK_PREFIX.length());
      if (!anchors.contains(anchor)) {
        problems.add(rule.get("alert") + ": no heading in " + RUNBOOKS + " has anchor #" + anchor);
      }
      if (!used.add(anchor)) {
        problems.add(rule.get("alert") + ": shares runbook #" + anchor + " with another alert");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void the_dashboard_asks_for_its_prometheus_and_every_query_uses_it() {
    JsonNode dashboard = AlertFiles.dashboard();
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    JsonNode variable = null;
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if (v.path("name").asString().equals("datasource")) {
        variable = v;
      }
    }
    assertThat(variable).as("a variable named datasource").isNotNull();
    assertThat(variable.path("type").asString()).isEqualTo("datasource");
    assertThat(variable.path("query").asString()).isEqualTo("prometheus");

    List<String> problems = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      String title = panel.path("title").asString();
      if (!ids.add(panel.path("id").asInt())) {
        problems.add("panel '" + title + "': its id is not unique");
      }
      if (panel.path("type").asString().equals("row")) {
        continue;
      }
      if (!panel.path("datasource").path("uid").asString().equals("${datasource}")) {
        problems.add("panel '" + title + "': its datasource is not ${datasource}");
      }
      if (panel.path("targets").isEmpty()) {
        problems.add("panel '" + title + "': no queries");
      }
      for (JsonNode target : panel.path("targets")) {
        if (target.path("expr").asString().isBlank()
            || !target.path("datasource").path("uid").asString().equals("${datasource}")) {
          problems.add(
              "panel '"
                  + title
                  + "' target "
                  + target.path("refId")
                  + ": no expr on ${datasource}");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void the_dashboard_shows_every_metric_an_alert_reads() {
    Set<String> dashboard = new HashSet<>();
    for (JsonNode panel : AlertFiles.dashboard().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        dashboard.addAll(PromQl.metricNames(target.path("expr").asString()));
      }
    }
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> rule : AlertFiles.alertRules()) {
      for (String name : PromQl.metricNames(String.valueOf(rule.get("expr")))) {
        if (name.startsWith("radflow_") && !dashboard.contains(name)) {
          missing.add(rule.get("alert") + " reads " + name);
        }
      }
    }
    assertThat(missing).as("alerts whose figures the dashboard does not show").isEmpty();
  }
}
