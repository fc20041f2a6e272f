package org.radflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoReportTest {

  private static final Instant START = Instant.parse("2026-12-05T06:00:00Z");
  private static final Instant END = START.plusSeconds(240);
  private static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

  @Test
  void eachChartHasALinePerStatusABarPerFigureOfEachKindAndThreeLagLines() {
    Map<String, List<Long>> steps = new LinkedHashMap<>();
    steps.put("SCHEDULE", List.of(10L, 20L, 30L));
    steps.put("REPORT", List.of(5_000L));
    steps.put("NEVER_RAN", List.of());
    DemoTimeline timeline =
        new DemoTimeline(
            List.of(
                sample(START.plusSeconds(1), Map.of("ACTIVE", 5L, "WAITING", 2L)),
                sample(START.plusSeconds(2), Map.of("ACTIVE", 3L, "CANCELLED", 1L))),
            List.of(
                new DemoTimeline.LagSample(START.plusSeconds(10), 12),
                new DemoTimeline.LagSample(START.plusSeconds(200), 40)),
            steps);

    ReportPage page = ReportPage.parse(DemoReport.html(content(timeline, true)));

    assertThat(page.count("//section[@id='statuses']//*[local-name()='polyline']")).isEqualTo(3);
    assertThat(page.texts("//section[@id='statuses']//ul[@class='legend']/li"))
        .containsExactly("ACTIVE", "WAITING", "CANCELLED");
    assertThat(page.text("//section[@id='statuses']//*[local-name()='desc']"))
        .isEqualTo(
            "At the end (06:00:02 UTC): ACTIVE 3; WAITING 0; CANCELLED 1; Most at once: ACTIVE 5;"
                + " WAITING 2; CANCELLED 1;");

    for (String figure : List.of("p50", "p95", "max")) {
      assertThat(
              page.count(
                  "//section[@id='latency']//*[local-name()='rect'][@class='" + figure + "']"))
          .as(figure)
          .isEqualTo(2);
    }
    assertThat(page.texts("//section[@id='latency']//*[local-name()='text']"))
        .contains("REPORT (1)", "SCHEDULE (3)")
        .doesNotContain("NEVER_RAN (0)");

    assertThat(page.count("//section[@id='lag']//*[local-name()='polyline']")).isEqualTo(3);
    assertThat(page.texts("//section[@id='lag']//ul[@class='legend']/li"))
        .containsExactly("p50", "p95", "max");
    for (String chart : List.of("statuses", "latency", "lag")) {
      assertThat(
              page.count(
                  "//section[@id='" + chart + "']//*[local-name()='svg']/*[local-name()='title']"))
          .as(chart)
          .isEqualTo(1);
      assertThat(
              page.count(
                  "//section[@id='" + chart + "']//*[local-name()='svg']/*[local-name()='desc']"))
          .as(chart)
          .isEqualTo(1);
    }
  }

  @Test
  void theSummaryIsATablePerSectionAndAnAlarmRowStandsOutInRed() {
    ReportPage page = ReportPage.parse(DemoReport.html(ReportExamples.day()));

    assertThat(page.texts("//section[@id='summary']//table/caption"))
        .containsExactly(
            "Studies by end-to-end status",
            "Steps",
            "Events and side effects",
            "Lost and duplicated");
    assertThat(page.text("//table[caption='Steps']//tr[th='retries']/td")).isEqualTo("311");
    assertThat(page.count("//tr[@class='alarm']")).isZero();

    SummaryTable failing =
        new SummaryTable(
            List.of(
                new SummaryTable.Section(
                    "Lost and duplicated",
                    List.of(
                        SummaryTable.Row.mustBeZero("lost", 2),
                        SummaryTable.Row.mustBeZero("duplicated", 0)))));
    ReportPage failed =
        ReportPage.parse(
            DemoReport.html(
                new DemoReport.Content(
                    "t", START, END, "2 lost", false, failing, emptyTimeline(), List.of())));

    assertThat(failed.texts("//tr[@class='alarm']/th")).containsExactly("lost must be 0");
    assertThat(failed.texts("//tr[@class='alarm']/td")).containsExactly("2");
    assertThat(failed.texts("//tr[not(@class)]/th")).containsExactly("duplicated");
    assertThat(failed.text("//p[@id='verdict']/@class")).isEqualTo("verdict failed");
    assertThat(failed.text("//p[@id='verdict']")).isEqualTo("Failed. 2 lost");
    assertThat(ReportStyle.CSS)
        .contains("tr.alarm th,tr.alarm td{background:#ffebe9;color:#a40e26");
  }

  @Test
  void theHeaderSaysWhenItRanForHowLongAndAPassInGreen() {
    ReportPage page = ReportPage.parse(DemoReport.html(ReportExamples.day()));

    assertThat(page.text("//header/h1")).isEqualTo("radflow demo: a radiology day");
    assertThat(page.text("//p[@class='when']"))
        .isEqualTo("Ran from 2026-12-05 06:00:00 to 06:04:42 UTC, in 4 min 42 s.");
    assertThat(page.text("//p[@id='verdict']/@class")).isEqualTo("verdict passed");
    assertThat(ReportStyle.CSS).contains(".verdict.passed{background:#dafbe1;color:#116329");
    assertThat(page.texts("//ul[@class='notes']/li")).hasSize(4);
  }

  @Test
  void aHostileTextFromTheRunIsShownAsTextNeverAsMarkup() {
    SummaryTable summary =
        new SummaryTable(
            List.of(
                new SummaryTable.Section(
                    HOSTILE, List.of(new SummaryTable.Row(HOSTILE, HOSTILE, true)))));
    DemoTimeline timeline =
        new DemoTimeline(
            List.of(sample(START.plusSeconds(5), Map.of(HOSTILE, 4L))),
            List.of(new DemoTimeline.LagSample(START.plusSeconds(5), 9)),
            Map.of(HOSTILE, List.of(7L)));
    String html =
        DemoReport.html(
            new DemoReport.Content(
                HOSTILE, START, END, HOSTILE, false, summary, timeline, List.of(HOSTILE)));

    ReportPage page = ReportPage.parse(html);

    assertThat(page.count("//script")).isZero();
    assertThat(page.count("//*[local-name()='script']")).isZero();
    assertThat(html).doesNotContain("<script");
    assertThat(page.text("//head/title")).isEqualTo(HOSTILE);
    assertThat(page.text("//header/h1")).isEqualTo(HOSTILE);
    assertThat(page.text("//p[@id='verdict']"))
        .isEqualTo("Failed. " + HOSTILE.replaceAll("\\s+", " "));
    assertThat(page.text("//table/caption")).isEqualTo(HOSTILE);
    assertThat(page.text("//tr[@class='alarm']/td")).isEqualTo(HOSTILE);
    assertThat(page.texts("//section[@id='statuses']//ul[@class='legend']/li"))
        .containsExactly(HOSTILE);
    assertThat(page.texts("//section[@id='latency']//*[local-name()='text']"))
        .contains(HOSTILE + " (1)");
    assertThat(page.texts("//ul[@class='notes']/li")).containsExactly(HOSTILE);
  }

  @Test
  void withoutSamplesEachChartIsASentence() {
    ReportPage page =
        ReportPage.parse(
            DemoReport.html(
                new DemoReport.Content(
                    "t",
                    START,
                    START,
                    "nothing ran",
                    false,
                    new SummaryTable(List.of()),
                    emptyTimeline(),
                    List.of())));

    assertThat(page.count("//*[local-name()='svg']")).isZero();
    assertThat(page.text("//section[@id='statuses']/p[@class='empty']"))
        .isEqualTo("No status sample was taken, so there is no chart of studies per status.");
    assertThat(page.text("//section[@id='latency']/p[@class='empty']"))
        .isEqualTo("No step finished, so there is no step latency to show.");
    assertThat(page.text("//section[@id='lag']/p[@class='empty']"))
        .isEqualTo("No event reached the webhook, so there is no outbox lag to show.");
    assertThat(page.text("//section[@id='summary']/p[@class='empty']"))
        .isEqualTo("The run gave no summary figures.");
    assertThat(page.text("//section[@id='notes']/p[@class='empty']"))
        .isEqualTo("Nothing was noted.");
    assertThat(page.text("//p[@class='when']")).endsWith("in 0 s.");
  }

  @Test
  void percentilesAreNearestRankAndThePageGivesThem() {
    List<Long> oneToHundred = LongStream.rangeClosed(1, 100).boxed().toList();
    assertThat(Percentiles.of(oneToHundred)).isEqualTo(new Percentiles(100, 50, 95, 100));
    assertThat(Percentiles.of(List.of(10L, 1L, 9L, 2L, 8L, 3L, 7L, 4L, 6L, 5L)))
        .isEqualTo(new Percentiles(10, 5, 10, 10));
    assertThat(Percentiles.of(List.of(7L))).isEqualTo(new Percentiles(1, 7, 7, 7));
    assertThatThrownBy(() -> Percentiles.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);

    List<DemoTimeline.LagSample> lag =
        oneToHundred.stream()
            .map(ms -> new DemoTimeline.LagSample(START.plusSeconds(ms), ms))
            .toList();
    ReportPage page =
        ReportPage.parse(
            DemoReport.html(
                content(new DemoTimeline(List.of(), lag, Map.of("SCHEDULE", oneToHundred)), true)));

    assertThat(page.text("//section[@id='lag']/p[@class='figures']"))
        .isEqualTo("100 events: p50 50 ms p95 95 ms max 100 ms");
    assertThat(page.text("//section[@id='lag']//*[local-name()='desc']"))
        .isEqualTo("100 events; lag from commit to webhook: p50 50 ms, p95 95 ms, max 100 ms.");
    assertThat(page.texts("//section[@id='latency']//*[local-name()='text']"))
        .containsSubsequence("SCHEDULE (100)", "50 ms", "95 ms", "100 ms");
    assertThat(
            page.text(
                "//section[@id='latency']//*[local-name()='rect'][@class='p95']/*[local-name()='title']"))
        .isEqualTo("SCHEDULE p95 95 ms");
  }

  @Test
  void aLongRunIsThinnedToAFewHundredPointsEndingWithTheLastSample() {
    List<Integer> samples = java.util.stream.IntStream.range(0, 1_000).boxed().toList();
    List<Integer> kept = TimelineCharts.thinned(samples);
    assertThat(kept)
        .hasSizeLessThanOrEqualTo(TimelineCharts.MOST_POINTS + 1)
        .startsWith(0)
        .endsWith(999);
    assertThat(TimelineCharts.thinned(List.of(1, 2, 3))).containsExactly(1, 2, 3);
  }

  @Test
  void writeReplacesTheFileWholeAndLeavesNothingBeside(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("home").resolve("demo-report.html");
    DemoReport.write(file, content(emptyTimeline(), false));
    DemoReport.Content day = ReportExamples.day();
    DemoReport.write(file, day);

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(DemoReport.html(day));
    try (var beside = Files.list(file.getParent())) {
      assertThat(beside).containsExactly(file);
    }
  }

  @Test
  void contentNamesAMissingOrBackwardField() {
    assertThatThrownBy(
            () ->
                new DemoReport.Content(
                    "t",
                    END,
                    START,
                    "v",
                    true,
                    new SummaryTable(List.of()),
                    emptyTimeline(),
                    List.of()))
        .hasMessageContaining("finished");
    assertThatThrownBy(
            () ->
                new DemoReport.Content(
                    "t",
                    START,
                    END,
                    null,
                    true,
                    new SummaryTable(List.of()),
                    emptyTimeline(),
                    List.of()))
        .hasMessageContaining("verdict");
  }

  /**
   * The pages to look at: target/demo-report-example.html from the example day, and
   * target/demo-report-failed-example.html, the same day with two studies lost.
   */
  @Test
  void writesTheExamplePages() {
    Path example = Path.of("target", "demo-report-example.html");
    DemoReport.write(example, ReportExamples.day());
    DemoReport.write(
        Path.of("target", "demo-report-failed-example.html"), ReportExamples.failedDay());

    ReportPage page = ReportPage.parse(DemoReport.html(ReportExamples.day()));
    assertThat(page.count("//*[local-name()='svg']")).isEqualTo(3);
    assertThat(page.count("//section[@id='statuses']//*[local-name()='polyline']")).isEqualTo(7);
    assertThat(page.count("//section[@id='latency']//*[local-name()='rect'][@class='p50']"))
        .isEqualTo(8);
    assertThat(example).exists();
  }

  private static DemoReport.Content content(DemoTimeline timeline, boolean passed) {
    return new DemoReport.Content(
        "radflow demo",
        START,
        END,
        "verdict",
        passed,
        ReportExamples.summary(),
        timeline,
        List.of("a note"));
  }

  private static DemoTimeline emptyTimeline() {
    return new DemoTimeline(List.of(), List.of(), Map.of());
  }

  private static DemoTimeline.StatusSample sample(Instant at, Map<String, Long> byStatus) {
    return new DemoTimeline.StatusSample(at, byStatus);
  }
}
