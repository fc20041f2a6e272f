package org.radflow.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scanner bites: each rule finds a line planted to break it, and passes a clean log. */
class JsonLogScanTest {

  private static final String STUDY = "6a1330bb-6f98-4976-abc8-6260e38fd8d1";
  private static final String STEP = "a915c23f-8dbc-4453-a8b6-8d6c0eaed9a4";

  private final JsonLogScan scan =
      new JsonLogScan()
          .forbid("family name", "LEE")
          .forbid("birth date (HL7)", "19471103")
          .forbidPattern("webhook secret", Pattern.compile("demo-[0-9a-f]{64}"));

  private static String line(String message, String fields) {
    return "{\"log\":{\"level\":\"INFO\",\"logger\":\"org.radflow.Test\"},\"message\":\""
        + message
        + "\""
        + fields
        + "}";
  }

  @Test
  void aCleanLogHasNoFindings() {
    List<String> log =
        List.of(
            line("radflow ready", ""),
            line("SLEEPING threads: 3; Commencing graceful shutdown", ""),
            line("org.springframework.InitializeUserDetailsBeanManagerConfigurer configured", ""),
            line(
                "step " + STEP + " (VALIDATE_IDENTITY) failed for good (REJECTED)",
                ",\"stepId\":\""
                    + STEP
                    + "\",\"studyId\":\""
                    + STUDY
                    + "\",\"accession\":\"A-1\""));

    assertThat(scan.scan(log)).isEmpty();
    assertThat(scan.studyLines()).isEqualTo(1);
  }

  @Test
  void eachRuleFindsTheLineThatBreaksIt() {
    List<String> log =
        List.of(
            "plain text, not JSON",
            line("HL7 message refused: PID|1||M-1^^^HOSP^MR", ""),
            line("blob " + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MTIzNDU2Nzg5MA==", ""),
            line("issued rfk_abcdefghijklmnop", ""),
            line("patient LEE born 19471103", ""),
            line("subscribed with demo-" + "ab".repeat(32), ""),
            line("event 1 of study " + STUDY + " parked", ""),
            line("event 2 of study " + STUDY + " parked", ",\"studyId\":\"" + STEP + "\""),
            line(
                "step " + STEP + " (X) failed for good (FAILED)",
                ",\"studyId\":\"" + STUDY + "\""));

    assertThat(scan.scan(log))
        .extracting(JsonLogScan.Finding::lineNumber, JsonLogScan.Finding::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "every line is a JSON object"),
            org.assertj.core.groups.Tuple.tuple(
                2, "no payload: an HL7 segment (MSH|, PID|, OBX|, …)"),
            org.assertj.core.groups.Tuple.tuple(
                3, "no payload: a base64 run of 40 characters or more"),
            org.assertj.core.groups.Tuple.tuple(4, "no payload: an API token (rfk_…)"),
            org.assertj.core.groups.Tuple.tuple(5, "never logged: family name: LEE"),
            org.assertj.core.groups.Tuple.tuple(5, "never logged: birth date (HL7): 19471103"),
            org.assertj.core.groups.Tuple.tuple(6, "never logged: webhook secret"),
            org.assertj.core.groups.Tuple.tuple(7, "a line about a study carries studyId"),
            org.assertj.core.groups.Tuple.tuple(8, "studyId is the study the message names"),
            org.assertj.core.groups.Tuple.tuple(
                9, "a step's outcome carries its study's accession"));
  }

  @Test
  void aFindingShowsTheLineCutShortWithTheMatchMarked() {
    String longTail = "x".repeat(1000);
    List<JsonLogScan.Finding> findings = scan.scan(List.of(line("patient LEE " + longTail, "")));

    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).excerpt()).contains("«LEE»").hasSizeLessThan(300);
    assertThat(findings.get(0).toString()).startsWith("line 1 breaks 'never logged: family name");
  }
}
