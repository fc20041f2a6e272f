package org.radflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.radflow.api.Api;
import org.radflow.api.Bodies;
import org.radflow.api.SimulatedWorld;
import org.radflow.api.StudyDriver;
import org.radflow.deadletter.ErrorCode;
import org.radflow.hl7.Hl7Messages;
import org.radflow.hl7.Hl7Service;
import org.radflow.hl7.RawMllp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running radflow exports every metric its alert rules and dashboard read, under names that
 * follow Prometheus' conventions. Some meters appear only once something happened (a command, a
 * step, an HL7 message, an operator action), so the test first does each of those once, through the
 * API and MLLP as a department would, then scrapes {@code /actuator/prometheus} with a token that
 * may read it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "radflow.mllp.port=0")
class AlertMetricsExportedTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /**
   * Names the expressions read that radflow does not export, because Prometheus writes them itself
   * for every target it scrapes.
   */
  private static final Set<String> WRITTEN_BY_PROMETHEUS = Set.of("up");

  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern TIME_WORD =
      Pattern.compile(".*_(duration|latency|age|time|elapsed|lag|oldest)(_.*)?");
  private static final Pattern OTHER_TIME_UNIT =
      Pattern.compile(".*_(ms|millis|milliseconds|micros|nanos|minutes|hours|days)(_.*)?");

  private static SimulatedWorld world;
  private static boolean driven;

  @LocalServerPort int port;
  @Autowired Hl7Service hl7;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) throws Exception {
    world = SimulatedWorld.start("radflow-metrics");
    world.register(registry, Map.of());
  }

  @AfterAll
  static void stopSimulators() {
    world.close();
  }

  @Test
  void every_metric_the_alert_rules_and_the_dashboard_read_is_exported() throws Exception {
    Map<String, String> wanted = AlertFiles.metricNames();
    assertThat(wanted).as("metric names in the rules and the dashboard").isNotEmpty();
    drive();
    Api api = world.admin(port);
    // steps and the relay run after the commands that start them: wait until they have reported
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(missing(scrape(api), wanted))
                    .as(
                        "metrics the rules or the dashboard read (with the first expression"
                            + " reading each) that /actuator/prometheus lacks")
                    .isEmpty());
    Scrape scrape = scrape(api);
    List<String> notHistograms = new ArrayList<>();
    for (String name : wanted.keySet()) {
      if (name.endsWith("_bucket") && !"histogram".equals(scrape.typeOf(name).orElse(null))) {
        notHistograms.add(name + " (" + wanted.get(name) + ") is not a histogram's bucket");
      }
    }
    assertThat(notHistograms).isEmpty();
  }

  @Test
  void counters_an_alert_rates_exist_at_zero_for_every_tag_before_their_first_event() {
    Scrape scrape = scrape(world.admin(port));
    for (String code : List.of("AA", "AE", "AR")) {
      assertThat(scrape.text()).contains("radflow_mllp_acks_total{code=\"" + code + "\"}");
    }
    for (ErrorCode error : ErrorCode.values()) {
      assertThat(scrape.text())
          .contains(
              "radflow_dead_letters_total{channel=\"hl7-mllp\",error=\"" + error.name() + "\"}");
    }
  }

  @Test
  void acknowledgements_and_dead_letters_are_counted_as_they_happen() throws Exception {
    drive();
    Scrape scrape = scrape(world.admin(port));
    assertThat(scrape.valueOf("radflow_mllp_acks_total", "code=\"AA\"")).isGreaterThanOrEqualTo(1);
    assertThat(scrape.valueOf("radflow_mllp_acks_total", "code=\"AR\"")).isGreaterThanOrEqualTo(1);
    assertThat(scrape.valueOf("radflow_dead_letters_total", "error=\"UNKNOWN_STUDY\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void radflows_own_metrics_follow_prometheus_naming() throws Exception {
    drive();
    Scrape scrape = scrape(world.admin(port));
    List<String> problems = new ArrayList<>();
    for (String sample : scrape.sampleNames()) {
      if (!sample.startsWith("radflow_")) {
        continue;
      }
      if (scrape.familyOf(sample).isEmpty()) {
        problems.add(sample + ": no # TYPE line declares its family");
        continue;
      }
      String family = scrape.familyOf(sample).get();
      String type = scrape.types().get(family);
      if (!SNAKE_CASE.matcher(sample).matches()) {
        problems.add(sample + ": not lower snake_case");
      }
      if (type.equals("counter") && !sample.endsWith("_total")) {
        problems.add(sample + ": a counter's samples end in _total");
      }
      if (type.equals("gauge") && sample.endsWith("_total")) {
        problems.add(sample + ": a gauge named _total would be mistaken for a counter");
      }
      if ((type.equals("summary") || type.equals("histogram"))
          && !(family.endsWith("_seconds") || family.endsWith("_bytes"))) {
        problems.add(family + ": a " + type + " names its unit (_seconds, _bytes)");
      }
      if (TIME_WORD.matcher(family).matches() && !family.matches(".*_seconds(_max)?")) {
        problems.add(family + ": a time is in seconds and its name ends in _seconds");
      }
      if (OTHER_TIME_UNIT.matcher(family).matches()) {
        problems.add(family + ": times are in seconds, the base unit");
      }
    }
    assertThat(problems).as("radflow metrics that break Prometheus' naming").isEmpty();
  }

  /** Once per context: a command, its steps, an HL7 message accepted and one refused, an action. */
  private synchronized void drive() throws Exception {
    if (driven) {
      return;
    }
    Api api = world.admin(port);
    new StudyDriver(api, Bodies.uniqueAuthority(), PATIENCE).open("ACC-METRICS", "P-METRICS");
    try (RawMllp sender = new RawMllp(hl7.listener().port())) {
      String accepted =
          sender.send(Hl7Messages.order("NW", "METRICS-1", "MRN-METRICS", "ACC-HL7-METRICS"));
      assertThat(RawMllp.code(accepted)).as(accepted).isEqualTo("AA");
      // a booking for an order radflow never saw: AR, kept as an UNKNOWN_STUDY dead letter
      String refused =
          sender.send(
              Hl7Messages.booking(
                  "S12",
                  "METRICS-2",
                  "MRN-METRICS",
                  "ACC-NEVER-ORDERED",
                  "AP-METRICS",
                  "202611271000"));
      assertThat(RawMllp.code(refused)).as(refused).isEqualTo("AR");
    }
    // refused (identity is up, nothing to release) and counted all the same
    Api.Response release =
        api.post(
            "/api/v1/services/identity/release", StudyDriver.operator("counts an operator action"));
    assertThat(release.status()).as(release.text()).isIn(200, 422);
    driven = true;
  }

  private static Scrape scrape(Api api) {
    Api.Response response = api.get("/actuator/prometheus");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return Scrape.parse(response.text());
  }

  /** Each wanted name with no sample in the scrape, with the first expression that reads it. */
  private static Map<String, String> missing(Scrape scrape, Map<String, String> wanted) {
    Map<String, String> missing = new TreeMap<>();
    wanted.forEach(
        (name, where) -> {
          if (!WRITTEN_BY_PROMETHEUS.contains(name) && !scrape.sampleNames().contains(name)) {
            missing.put(name, where);
          }
        });
    return missing;
  }
}
