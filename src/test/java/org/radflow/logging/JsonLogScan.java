package org.radflow.logging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON log line by line against radflow's logging rules: every line is a JSON object; a
 * line about a study carries {@value LogFields#STUDY_ID} (the same study its message names), and a
 * step's outcome its {@value LogFields#ACCESSION}; no line holds a forbidden value (a demographic
 * or a secret) or a payload. Each broken rule is a {@link Finding} naming the rule and showing the
 * line, cut short.
 */
public final class JsonLogScan {

  /** One line that broke one rule. */
  public record Finding(int lineNumber, String rule, String excerpt) {
    @Override
    public String toString() {
      return "line " + lineNumber + " breaks '" + rule + "': " + excerpt;
    }
  }

  /** Markers of a raw payload: an HL7 segment's start, or a long base64 run (a blob, a body). */
  static final Map<String, Pattern> PAYLOAD_MARKERS =
      Map.of(
          "an HL7 segment (MSH|, PID|, OBX|, …)",
              Pattern.compile("\\b(MSH|PID|PV1|ORC|OBR|OBX|EVN|SCH|FT1|MRG|NTE)\\|"),
          // with a digit, + or / in it and a letter: a long class name is letters only
          "a base64 run of 40 characters or more",
              Pattern.compile(
                  "(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[0-9+/])(?=[A-Za-z0-9+/]*[A-Za-z])"
                      + "[A-Za-z0-9+/]{40,}={0,2}"),
          "an API token (rfk_…)", Pattern.compile("rfk_[A-Za-z0-9_-]{12,}"));

  private static final Pattern STUDY_NAMED =
      Pattern.compile("\\bstudy ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
  private static final Pattern STEP_NAMED =
      Pattern.compile("\\bstep [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int EXCERPT = 240;

  private final Map<String, Pattern> forbidden = new LinkedHashMap<>();
  private final JsonMapper json = JsonMapper.builder().build();
  private boolean traced;
  private int studyLines;

  /**
   * Forbids {@code value} anywhere in a line, as a whole word (so the name LEE is not found in
   * SLEEP), under the rule {@code rule}.
   */
  public JsonLogScan forbid(String rule, String value) {
    if (value != null && !value.isBlank()) {
      forbidden.putIfAbsent(
          rule + ": " + value,
          Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(value) + "(?![A-Za-z0-9])"));
    }
    return this;
  }

  /**
   * Requires a line about a study to carry the {@code traceId} and {@code spanId} Micrometer
   * Tracing puts in the MDC: for a log written with tracing on.
   */
  public JsonLogScan requireTraceIds() {
    traced = true;
    return this;
  }

  /** Forbids whatever {@code pattern} matches, under the rule {@code rule}. */
  public JsonLogScan forbidPattern(String rule, Pattern pattern) {
    forbidden.put(rule, pattern);
    return this;
  }

  /** Every finding in {@code lines}, in line order; empty when the log keeps every rule. */
  public List<Finding> scan(List<String> lines) {
    List<Finding> findings = new ArrayList<>();
    studyLines = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int number = i + 1;
      if (line.isBlank()) {
        continue;
      }
      structure(line, number, findings);
      for (Map.Entry<String, Pattern> rule : PAYLOAD_MARKERS.entrySet()) {
        report(rule.getValue().matcher(line), "no payload: " + rule.getKey(), number, findings);
      }
      for (Map.Entry<String, Pattern> rule : forbidden.entrySet()) {
        report(rule.getValue().matcher(line), "never logged: " + rule.getKey(), number, findings);
      }
    }
    return findings;
  }

  /** How many lines of the last scan were about a study (so a scan of none can be told apart). */
  public int studyLines() {
    return studyLines;
  }

  private void structure(String line, int number, List<Finding> findings) {
    JsonNode entry;
    try {
      entry = json.readTree(line);
    } catch (JacksonException e) {
      findings.add(new Finding(number, "every line is a JSON object", excerpt(line)));
      return;
    }
    if (!entry.isObject()) {
      findings.add(new Finding(number, "every line is a JSON object", excerpt(line)));
      return;
    }
    String message = entry.path("message").asString("");
    String studyId = entry.path(LogFields.STUDY_ID).asString("");
    Matcher named = STUDY_NAMED.matcher(message);
    boolean aboutAStudy =
        named.find() || STEP_NAMED.matcher(message).find() || entry.has(LogFields.STEP_ID);
    if (!aboutAStudy) {
      return;
    }
    studyLines++;
    if (studyId.isEmpty()) {
      findings.add(new Finding(number, "a line about a study carries studyId", excerpt(line)));
    } else if (named.reset().find() && !named.group(1).equals(studyId)) {
      findings.add(new Finding(number, "studyId is the study the message names", excerpt(line)));
    }
    if (traced && !(entry.has("traceId") && entry.has("spanId"))) {
      findings.add(
          new Finding(number, "a line about a study carries traceId and spanId", excerpt(line)));
    }
    if (message.contains("failed for good") && !entry.has(LogFields.ACCESSION)) {
      findings.add(
          new Finding(number, "a step's outcome carries its study's accession", excerpt(line)));
    }
  }

  private static void report(Matcher matcher, String rule, int number, List<Finding> findings) {
    if (matcher.find()) {
      String line = matcher.reset().replaceAll("«$0»");
      int at = Math.max(0, line.indexOf('«') - EXCERPT / 2);
      findings.add(new Finding(number, rule, excerpt(line.substring(at))));
    }
  }

  private static String excerpt(String line) {
    return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "…";
  }
}
