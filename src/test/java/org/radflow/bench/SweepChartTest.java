package org.radflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The bench's SVG chart: a well-formed document, its points where their values put them. */
class SweepChartTest {

  private static final List<String> CLIENTS = List.of("1", "2", "4");

  @Test
  void isWellFormedSvgWithATitleAndOnePanelPerMeasure() throws Exception {
    Document svg = parse(chart(List.of(0.0, 100.0, 200.0), List.of(200.0, 200.0, 200.0)));

    Element root = svg.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("svg");
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(root.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("a < b & \"c\"");
    assertThat(groups(svg, "panel")).hasSize(2);
    assertThat(groups(svg, "series")).hasSize(3);
    assertThat(texts(svg)).contains("1", "2", "4", "clients", "steps/s", "ms", "radflow");
  }

  @Test
  void pointsSitOnTheirClientCountAndValue() throws Exception {
    // 200 is a round top (steps of 50), so 0 lies on the axis, 100 halfway up and 200 at the top
    Document svg = parse(chart(List.of(0.0, 100.0, 200.0), List.of(200.0, 200.0, 200.0)));

    List<double[]> rising = circles(groups(svg, "series").get(0));
    List<double[]> flat = circles(groups(svg, "series").get(1));
    double left = SweepChart.LEFT;
    double right = SweepChart.WIDTH - SweepChart.RIGHT;
    double bottom = 24 + SweepChart.PANEL_HEIGHT - SweepChart.BOTTOM;
    double top = 24 + SweepChart.TOP;
    assertThat(rising).hasSize(3);
    assertThat(rising.get(0)).containsExactly(left, bottom);
    assertThat(rising.get(1)).containsExactly((left + right) / 2, (bottom + top) / 2);
    assertThat(rising.get(2)).containsExactly(right, top);
    assertThat(flat).extracting(p -> p[1]).containsOnly(top);
    assertThat(flat).extracting(p -> p[0]).containsExactly(left, (left + right) / 2, right);
  }

  @Test
  void theSecondPanelHasItsOwnScaleBelowTheFirst() throws Exception {
    Document svg = parse(chart(List.of(0.0, 100.0, 200.0), List.of(200.0, 200.0, 200.0)));

    List<double[]> p99 = circles(groups(svg, "series").get(2));
    double secondTop = 24 + SweepChart.PANEL_HEIGHT + SweepChart.TOP;
    double secondBottom = 24 + 2 * SweepChart.PANEL_HEIGHT - SweepChart.BOTTOM;
    // 2, 4, 8 ms: the axis goes to 8 in steps of 2
    assertThat(p99)
        .extracting(p -> p[1])
        .first()
        .isEqualTo(secondBottom - (secondBottom - secondTop) / 4);
    assertThat(p99).extracting(p -> p[1]).last().isEqualTo(secondTop);
  }

  @Test
  void escapesEveryTextSoANameCannotBreakTheDocument() throws Exception {
    String svg = chart(List.of(1.0, 2.0, 3.0), List.of(1.0, 2.0, 3.0));

    assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;").contains("a &lt; b &amp;");
    Document parsed = parse(svg);
    assertThat(texts(parsed)).contains("<script>alert('x')</script>");
  }

  @Test
  void refusesASeriesWithoutAValueForEachPoint() {
    assertThatThrownBy(
            () ->
                SweepChart.svg(
                    "t",
                    "clients",
                    CLIENTS,
                    List.of(
                        new SweepChart.Panel(
                            "p", "u", List.of(new SweepChart.Series("s", "#000", List.of(1.0)))))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s has 1 values for 3 points");
  }

  private static String chart(List<Double> radflow, List<Double> reference) {
    return SweepChart.svg(
        "a < b & \"c\"",
        "clients",
        CLIENTS,
        List.of(
            new SweepChart.Panel(
                "Throughput",
                "steps/s",
                List.of(
                    new SweepChart.Series("radflow", "#0969da", radflow),
                    new SweepChart.Series("<script>alert('x')</script>", "#bc4c00", reference))),
            new SweepChart.Panel(
                "p99",
                "ms",
                List.of(new SweepChart.Series("radflow", "#0969da", List.of(2.0, 4.0, 8.0))))));
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> groups(Document svg, String kind) {
    List<Element> found = new ArrayList<>();
    NodeList groups = svg.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("class").equals(kind)) {
        found.add(g);
      }
    }
    return found;
  }

  private static List<double[]> circles(Element series) {
    List<double[]> points = new ArrayList<>();
    NodeList circles = series.getElementsByTagName("circle");
    for (int i = 0; i < circles.getLength(); i++) {
      Element c = (Element) circles.item(i);
      points.add(
          new double[] {
            Double.parseDouble(c.getAttribute("cx")), Double.parseDouble(c.getAttribute("cy"))
          });
    }
    return points;
  }

  private static List<String> texts(Document svg) {
    List<String> found = new ArrayList<>();
    NodeList texts = svg.getElementsByTagName("text");
    for (int i = 0; i < texts.getLength(); i++) {
      found.add(texts.item(i).getTextContent());
    }
    return found;
  }
}
