package org.radflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void a_bare_selector_names_its_metric_and_not_its_labels() {
    assertThat(PromQl.metricNames("radflow_steps_open{service=\"identity\",status=\"SUSPENDED\"}"))
        .containsExactly("radflow_steps_open");
  }

  @Test
  void functions_aggregations_grouping_and_ranges_are_not_metrics() {
    assertThat(
            PromQl.metricNames(
                "sum by (channel, error) (increase(radflow_dead_letters_total[15m])) > 0"))
        .containsExactly("radflow_dead_letters_total");
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate("
                    + "radflow_outbox_publish_latency_seconds_bucket[$__rate_interval])))"))
        .containsExactly("radflow_outbox_publish_latency_seconds_bucket");
  }

  @Test
  void both_sides_of_a_binary_operation_are_read_and_offset_is_a_keyword() {
    assertThat(
            PromQl.metricNames(
                "max(radflow_exception_lane_studies) - max(radflow_exception_lane_studies offset"
                    + " 1h) >= 10 and on (instance) up{job=\"radflow\"} == 1 unless bool"
                    + " radflow_x_total"))
        .containsExactly("radflow_exception_lane_studies", "radflow_x_total", "up");
  }

  @Test
  void label_values_that_look_like_metrics_and_template_variables_are_ignored() {
    assertThat(
            PromQl.metricNames(
                "sum(rate(radflow_mllp_acks_total{code=~\"AE|radflow_fake\"}[$__rate_interval]))"
                    + " / sum(rate(radflow_mllp_acks_total[10m])) > 0.02 * $threshold"))
        .containsExactly("radflow_mllp_acks_total");
  }
}
