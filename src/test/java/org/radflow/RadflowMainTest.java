package org.radflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The program's help is the one list of commands; the README shows exactly what it prints. */
class RadflowMainTest {

  @Test
  void theReadmeCommandsAreWhatHelpPrints() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("\n## Commands\n");
    assertThat(section).as("README has a Commands section").isPositive();
    int open = readme.indexOf("```text\n", section);
    int close = readme.indexOf("```", open + "```text\n".length());
    String shown = readme.substring(open + "```text\n".length(), close);
    assertThat(shown).isEqualTo(RadflowMain.USAGE);
  }

  @Test
  void helpListsEveryBenchmarkTheBenchCommandRuns() {
    for (String kind : org.radflow.bench.BenchCommand.kinds()) {
      assertThat(RadflowMain.USAGE).contains("bench " + kind + " ");
    }
  }

  @Test
  void everyCommandAnswersHelp() throws Exception {
    assertThat(printed(() -> RadflowMain.main(new String[] {"help"}))).isEqualTo(RadflowMain.USAGE);
    assertThat(printed(() -> RadflowMain.main(new String[] {"--help"})))
        .isEqualTo(RadflowMain.USAGE);
    assertThat(printed(() -> RadflowMain.main(new String[] {"serve", "--help"})))
        .isEqualTo(RadflowMain.SERVE_USAGE);
    assertThat(printed(() -> RadflowMain.main(new String[] {"simulators", "--help"})))
        .startsWith("usage: radflow simulators");
  }

  interface Run {
    void run() throws Exception;
  }

  private static String printed(Run run) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setOut(out);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
