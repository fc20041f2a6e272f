package org.radflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small day, end to end, as {@code radflow demo --no-wait} runs it: radflow on SQLite in a new
 * home, the simulators in their own process, every kind of study and every twist. It must end with
 * nothing lost and nothing duplicated, every study where the day should leave it, and a report.
 */
class DemoDayTest {

  @TempDir Path home;

  @Test
  void aSmallDayEndsWithNothingLostOrDuplicatedAndEveryStudySettled() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    String before = System.getProperty("radflow.home");
    System.setProperty("radflow.home", home.toString());
    int exit;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      exit =
          DemoCommand.run(
              new String[] {"--studies", "60", "--no-wait", "--port", "0", "--mllp-port", "0"},
              out);
    } finally {
      if (before == null) {
        System.clearProperty("radflow.home");
      } else {
        System.setProperty("radflow.home", before);
      }
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    System.out.println(text);
    assertThat(exit).as(text).isZero();
    assertThat(text)
        .contains("PASSED: 0 lost, 0 duplicated")
        .containsPattern("lost: acknowledged but absent\\s+0")
        .containsPattern("duplicated: two side effects for one step\\s+0")
        .containsPattern("not where the day should leave them\\s+0")
        .containsPattern("steps redriven by the operator\\s+[1-9]")
        .containsPattern("events received \\(distinct\\)\\s+[1-9]");
    Path report = home.resolve("demo-report.html");
    assertThat(report).exists();
    assertThat(Files.readString(report)).contains("0 lost, 0 duplicated").contains("<svg");
  }
}
