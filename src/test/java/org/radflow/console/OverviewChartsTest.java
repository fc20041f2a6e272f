package org.radflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.radflow.lifecycle.StatusSample;
import org.radflow.orchestration.StepDuration;
import org.radflow.study.EndToEndStatus;
import org.radflow.workflow.Service;
import org.radflow.workflow.StepKind;

class OverviewChartsTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void percentilesAreNearestRank() {
    double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(OverviewCharts.percentile(values, 50)).isEqualTo(5);
    assertThat(OverviewCharts.percentile(values, 95)).isEqualTo(10);
    assertThat(OverviewCharts.percentile(new double[] {7}, 95)).isEqualTo(7);
    assertThatThrownBy(() -> OverviewCharts.percentile(new double[0], 50))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void latencyIsDrawnPerHalfHourAtTheMiddleOfEachBucket() {
    List<StepDuration> steps = new ArrayList<>();
    Instant bucket = NOW.minus(Duration.ofHours(1)); // 11:00–11:30, drawn at 11:15
    for (int seconds = 1; seconds <= 20; seconds++) {
      Instant done = bucket.plusSeconds(60L * seconds);
      steps.add(
          new StepDuration(
              StepKind.VALIDATE_IDENTITY, Service.IDENTITY, done.minusSeconds(seconds), done));
    }
    OverviewCharts.Chart chart = OverviewCharts.stepLatency(steps, NOW);

    assertThat(chart.empty()).isFalse();
    assertThat(chart.legend())
        .extracting(OverviewCharts.Legend::name)
        .containsExactly("p50", "p95");
    List<String> lines = polylines(chart.svg());
    assertThat(lines).hasSize(2);
    // one bucket: one point per line, p50 = 10 s and p95 = 19 s on an axis to 20
    assertThat(lines.get(0).trim().split(" ")).hasSize(1);
    assertThat(chart.svg()).contains("Latest values (seconds): p50 10; p95 19;");
  }

  @Test
  void studiesPerStatusDrawsOneLinePerStatusFromTheSamples() {
    List<StatusSample> samples =
        List.of(
            new StatusSample(
                NOW.minus(Duration.ofHours(2)),
                Map.of(EndToEndStatus.Kind.ACTIVE, 4L, EndToEndStatus.Kind.IN_EXCEPTION, 1L)),
            new StatusSample(
                NOW.minus(Duration.ofHours(1)),
                Map.of(EndToEndStatus.Kind.ACTIVE, 6L, EndToEndStatus.Kind.IN_EXCEPTION, 2L)));
    OverviewCharts.Chart chart = OverviewCharts.studiesPerStatus(samples, NOW);

    assertThat(polylines(chart.svg())).hasSize(EndToEndStatus.Kind.values().length);
    assertThat(chart.svg())
        .contains("ACTIVE 6;")
        .contains("IN_EXCEPTION 2;")
        .contains("CANCELLED 0;");
    assertThat(OverviewCharts.studiesPerStatus(List.of(), NOW).empty()).isTrue();
  }

  private static List<String> polylines(String svg) {
    Matcher m = Pattern.compile("<polyline[^>]* points=\"([^\"]*)\"").matcher(svg);
    List<String> points = new ArrayList<>();
    while (m.find()) {
      points.add(m.group(1));
    }
    return points;
  }
}
