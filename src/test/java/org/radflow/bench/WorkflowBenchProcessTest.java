package org.radflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A few studies through {@code bench workflow} with the simulators in their own process: every
 * study is reconciled, the released publications all arrive, and the process is gone afterwards.
 */
class WorkflowBenchProcessTest {

  @Test
  void runsTheWorkflowAgainstSimulatorsInTheirOwnProcessAndStopsThem() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int status;
    try {
      status =
          WorkflowBench.run(
              new String[] {
                "--store", "sqlite",
                "--warmup-studies", "0",
                "--studies", "3",
                "--drain-studies", "2",
                "--clients", "1",
                "--workers", "4",
                "--simulators", "process"
              });
    } finally {
      System.setOut(out);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    out.print(printed);

    assertThat(status).isZero();
    assertThat(printed)
        .contains("workflow: 3 of 3 studies complete (order → reconciled)")
        .contains("release drain: 2 suspended publications released")
        .contains("the simulators' process");
    long pid = Long.parseLong(found(printed, "own process \\(pid (\\d+)"));
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    Path log = Path.of(found(printed, ", log (\\S+)"));
    assertThat(Files.readString(log)).contains("\"control\"");
    Files.delete(log);
  }

  private static String found(String printed, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(printed);
    assertThat(matcher.find()).as(regex + " in the output").isTrue();
    return matcher.group(1);
  }
}
