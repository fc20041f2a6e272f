package org.radflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every benchmark answers --help with its options, on stdout, and exits 0; nothing runs. */
class BenchCommandTest {

  @Test
  void eachBenchmarkAnswersHelp() throws Exception {
    for (String kind : BenchCommand.kinds()) {
      PrintStream out = System.out;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int status;
      try {
        status = BenchCommand.run(new String[] {kind, "--help"});
      } finally {
        System.setOut(out);
      }
      String printed = captured.toString(StandardCharsets.UTF_8);
      assertThat(status).as(kind).isZero();
      assertThat(printed)
          .as(kind)
          .startsWith("usage: radflow bench " + kind)
          .contains(kind.equals("api") ? "--url" : "--store");
    }
  }

  @Test
  void aWrongOptionIsAnsweredWithTheOptionsNotAStackTrace() throws Exception {
    for (String kind : BenchCommand.kinds()) {
      assertThat(BenchCommand.run(new String[] {kind, "--no-such-option", "1"}))
          .as(kind)
          .isEqualTo(2);
    }
  }
}
