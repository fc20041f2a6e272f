package org.radflow.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class LineChartTest {

  private static final Instant FROM = Instant.parse("2026-12-04T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofHours(12));

  @Property(tries = 200)
  void everyPointIsDrawnInsideTheChartAndTheDocumentIsWellFormed(
      @ForAll("values") List<Double> values, @ForAll("names") String name) throws Exception {
    List<LineChart.Point> points = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      points.add(new LineChart.Point(FROM.plus(Duration.ofMinutes(12L * i)), values.get(i)));
    }
    String svg =
        LineChart.svg(
            "studies <per> state",
            "studies",
            FROM,
            TO,
            List.of(new LineChart.Series(name, "#0a5bd3", points)));

    Document document = parse(svg);
    NodeList lines = document.getElementsByTagName("polyline");
    assertThat(lines.getLength()).isEqualTo(values.isEmpty() ? 0 : 1);
    if (!values.isEmpty()) {
      Element line = (Element) lines.item(0);
      assertThat(line.getTextContent()).isEqualTo(name.replace('\u0001', ' '));
      String[] drawn = line.getAttribute("points").trim().split(" ");
      assertThat(drawn).hasSize(values.size());
      assertThat(document.getElementsByTagName("circle").getLength()).isEqualTo(values.size());
      for (String point : drawn) {
        double x = Double.parseDouble(point.split(",")[0]);
        double y = Double.parseDouble(point.split(",")[1]);
        assertThat(x).isBetween(0.0, 640.0);
        assertThat(y).isBetween(0.0, 190.0);
      }
    }
    assertThat(document.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("studies <per> state");
  }

  @Provide
  Arbitrary<List<Double>> values() {
    return Arbitraries.doubles().between(0, 1e7).list().ofMaxSize(60);
  }

  /** Names with every character XML gives a meaning to, and control characters. */
  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings()
        .withChars('<', '>', '&', '"', '\'', 'a', 'Z', ' ', '\u0001', '\u00e9')
        .ofMaxLength(20);
  }

  @Test
  void theAxisRisesToARoundNumberAboveTheLargestValueAndTheDescriptionSaysTheLatest()
      throws Exception {
    String svg =
        LineChart.svg(
            "latency",
            "ms",
            FROM,
            TO,
            List.of(
                new LineChart.Series(
                    "p95",
                    "#cf222e",
                    List.of(
                        new LineChart.Point(FROM.plus(Duration.ofHours(1)), 130),
                        new LineChart.Point(FROM.plus(Duration.ofHours(2)), 87.5)))));
    Document document = parse(svg);
    List<String> labels = new ArrayList<>();
    NodeList texts = document.getElementsByTagName("text");
    for (int i = 0; i < texts.getLength(); i++) {
      labels.add(texts.item(i).getTextContent());
    }
    assertThat(labels).contains("0", "50", "100", "150", "02:00", "10:00");
    assertThat(document.getElementsByTagName("desc").item(0).getTextContent())
        .isEqualTo("Latest values (ms): p95 87.5;");
  }

  @Test
  void aShortSpanIsMarkedInMinutesOrSecondsAtRoundTimes() throws Exception {
    Instant start = Instant.parse("2026-12-05T06:00:20Z");
    List<String> minutes =
        labels(parse(LineChart.svg("t", "u", start, start.plusSeconds(300), List.of())));
    assertThat(minutes).containsSubsequence("06:01", "06:02", "06:03", "06:04", "06:05");
    assertThat(minutes).doesNotContain("06:00");

    List<String> seconds =
        labels(parse(LineChart.svg("t", "u", start, start.plusSeconds(90), List.of())));
    assertThat(seconds)
        .containsSubsequence("06:00:30", "06:00:45", "06:01:00", "06:01:15", "06:01:30");
  }

  @Test
  void hoursStayMarkedAsTheConsoleDrawsThem() {
    assertThat(LineChart.tickStep(Duration.ofHours(12))).isEqualTo(Duration.ofHours(2));
    assertThat(LineChart.tickStep(Duration.ofHours(6))).isEqualTo(Duration.ofHours(1));
    assertThat(LineChart.tickStep(Duration.ofHours(24))).isEqualTo(Duration.ofHours(4));
    assertThat(LineChart.tickStep(Duration.ofHours(30))).isEqualTo(Duration.ofHours(12));
    assertThat(LineChart.tickStep(Duration.ofMinutes(59))).isEqualTo(Duration.ofMinutes(10));
    assertThat(LineChart.tickStep(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aDescriptionGivenByTheCallerReplacesTheLatestValues() throws Exception {
    String svg =
        LineChart.describedSvg(
            "lag",
            "p50 12 ms, p95 <80> ms",
            FROM,
            TO,
            List.of(
                new LineChart.Series("p50", "#0969da", List.of(new LineChart.Point(FROM, 12)))));
    assertThat(parse(svg).getElementsByTagName("desc").item(0).getTextContent())
        .isEqualTo("p50 12 ms, p95 <80> ms");
  }

  @Test
  void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(LineChart.niceStep(0)).isEqualTo(1);
    assertThat(LineChart.niceStep(3)).isEqualTo(1);
    assertThat(LineChart.niceStep(130)).isEqualTo(50);
    assertThat(LineChart.niceStep(100_000)).isEqualTo(50_000);
    assertThat(LineChart.niceStep(7_000)).isEqualTo(2_000);
  }

  @Test
  void aChartNeedsATimeSpan() {
    assertThatThrownBy(() -> LineChart.svg("t", "u", TO, FROM, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> labels(Document document) {
    List<String> labels = new ArrayList<>();
    NodeList texts = document.getElementsByTagName("text");
    for (int i = 0; i < texts.getLength(); i++) {
      labels.add(texts.item(i).getTextContent());
    }
    return labels;
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }
}
