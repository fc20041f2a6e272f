package org.radflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.logging.JsonLogScan;
import org.radflow.tracing.OtlpReceiver;

/**
 * A real day, {@code radflow demo} in a JVM of its own with {@code RADFLOW_LOG_FORMAT=json} and
 * tracing exported to an OTLP receiver, and then its whole log read line by line: every line is
 * JSON, lines about a study carry its id and the trace's ids, and not one line holds a demographic
 * of the day's patients (drawn again from the same seed: names, birth dates, IHIs, record numbers;
 * Medicare and phone numbers by their shape), the admin's password or token, the webhook secret,
 * the database password, or a payload.
 *
 * <p>The child runs on the main classpath alone, without the tests' logback configuration, so its
 * log is made exactly as a production radflow's is.
 */
class DemoJsonLogTest {

  private static final int STUDIES = 40;
  private static final long SEED = 20261205L;
  private static final Duration PATIENCE = Duration.ofMinutes(4);

  @TempDir Path home;

  @Test
  void aDaysJsonLogIsAllJsonTiesLinesToTheirStudyAndHoldsNoDemographicSecretOrPayload()
      throws Exception {
    String databasePassword = "db-password-" + UUID.randomUUID();
    Instant started = Instant.now();
    Path printed = home.resolve("demo-stdout.txt");
    try (OtlpReceiver traces = OtlpReceiver.start()) {
      Process demo = start(databasePassword, printed, traces.endpoint());
      boolean ended = demo.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      if (!ended) {
        demo.destroyForcibly().waitFor();
      }
      String stdout = Files.readString(printed, StandardCharsets.UTF_8);
      assertThat(ended).as("the demo ended within %s:%n%s", PATIENCE, stdout).isTrue();
      assertThat(demo.exitValue()).as("the demo's exit status:%n%s", stdout).isZero();
      assertThat(traces.spans())
          .as("spans exported to the OTLP receiver")
          .anyMatch(span -> span.name().equals("radflow.hl7.message"))
          .anyMatch(span -> span.name().equals("radflow.step.call"));
    }
    Instant finished = Instant.now();

    JsonLogScan scan = new JsonLogScan().requireTraceIds();
    forbidTheDaysDemographics(scan, started, finished);
    scan.forbid("admin password", Files.readString(home.resolve("admin-password")).strip());
    scan.forbid("admin API token", Files.readString(home.resolve("admin-token")).strip());
    scan.forbid("database password", databasePassword);
    // EventReceiver's secret for the day's webhook subscription: "demo-" and 32 random bytes in hex
    scan.forbidPattern("webhook secret", Pattern.compile("demo-[0-9a-f]{64}"));
    // the day's PID carries no Medicare number, phone or address, so these are forbidden by shape:
    // a number standing alone (the day's accessions and record numbers hold ten digits too)
    scan.forbidPattern(
        "Medicare number", Pattern.compile("(?<![0-9A-Za-z])[2-6][0-9]{9}[1-9]?(?![0-9A-Za-z])"));
    scan.forbidPattern(
        "Australian phone number",
        Pattern.compile("(?<![0-9A-Za-z+])(?:\\+61 ?|0)[2-478](?: ?[0-9]){8}(?![0-9A-Za-z])"));

    List<String> log = Files.readAllLines(home.resolve("demo-radflow.log"), StandardCharsets.UTF_8);
    List<JsonLogScan.Finding> findings = scan.scan(log);

    assertThat(log).as("radflow's log").anyMatch(line -> line.contains("radflow ready"));
    assertThat(findings)
        .as(
            "findings in %s:%n%s",
            home.resolve("demo-radflow.log"),
            findings.stream().map(Object::toString).collect(Collectors.joining("\n")))
        .isEmpty();
    assertThat(scan.studyLines()).as("lines about a study in the day's log").isPositive();
  }

  private Process start(String databasePassword, Path printed, String traces) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1"); // a short run: start fast rather than peak
    command.add("-cp");
    command.add(mainClasspath());
    command.add("org.radflow.RadflowMain");
    command.addAll(
        List.of(
            "demo",
            "--studies",
            Integer.toString(STUDIES),
            "--seed",
            Long.toString(SEED),
            "--no-wait",
            "--port",
            "0",
            "--mllp-port",
            "0"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().put("RADFLOW_HOME", home.toString());
    builder.environment().put("RADFLOW_LOG_FORMAT", "json");
    // not used by the embedded database, but in radflow's environment: it must not be logged
    builder.environment().put("RADFLOW_DB_PASSWORD", databasePassword);
    builder.environment().remove("RADFLOW_DB_URL");
    // tracing on, as a site with a collector runs it: lines about a study carry the trace's ids
    builder.environment().put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces);
    builder.redirectErrorStream(true);
    builder.redirectOutput(printed.toFile());
    return builder.start();
  }

  /** The test classpath less the test classes, whose logback-test.xml would take over the log. */
  private static String mainClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * The day's patients as DayPlan draws them from the seed. The record numbers carry the minute the
   * day began in, so every minute the run spanned is drawn; names, birth dates and IHIs come from
   * the seed alone.
   */
  private static void forbidTheDaysDemographics(JsonLogScan scan, Instant from, Instant to) {
    LocalDate date = from.atZone(ZoneOffset.UTC).toLocalDate();
    for (Instant minute = from.minusSeconds(60);
        !minute.isAfter(to.plusSeconds(60));
        minute = minute.plusSeconds(60)) {
      DayPlan plan = DayPlan.draw(STUDIES, SEED, date, DemoCommand.stamp(minute), 2400);
      for (StudyPlan study : plan.studies()) {
        Patient patient = study.patient();
        scan.forbid("family name", patient.family());
        scan.forbid("family name", capitalised(patient.family()));
        scan.forbid("given name", patient.given());
        scan.forbid("given name", capitalised(patient.given()));
        scan.forbid("birth date (HL7)", patient.born().toString().replace("-", ""));
        scan.forbid("birth date (JSON)", patient.born().toString());
        scan.forbid("IHI", patient.ihi());
        scan.forbid("MRN", patient.mrn());
        scan.forbid("MRN", People.survivor(patient).mrn());
      }
    }
  }

  private static String capitalised(String name) {
    return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
