package org.radflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compare bench's options, and where its plot and figures go. */
class CompareBenchOptionsTest {

  @Test
  void withoutOptionsBothStoresAreComparedWithEightClients() {
    assertThat(CompareBenchOptions.parse(new String[] {}))
        .isEqualTo(
            new CompareBenchOptions(
                List.of("sqlite", "postgresql"),
                List.of(8),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                "target/bench-compare-{store}.svg"));
  }

  @Test
  void readsEveryOptionAndAListOfClientCounts() {
    CompareBenchOptions options =
        CompareBenchOptions.parse(
            new String[] {
              "--store", "postgresql",
              "--clients", "1, 2,4,8,16",
              "--warmup", "0",
              "--duration", "3",
              "--plot", "out/sweep.svg"
            });

    assertThat(options)
        .isEqualTo(
            new CompareBenchOptions(
                List.of("postgresql"),
                List.of(1, 2, 4, 8, 16),
                Duration.ZERO,
                Duration.ofSeconds(3),
                "out/sweep.svg"));
    assertThat(options.plotFile("postgresql")).isEqualTo(Path.of("out/sweep.svg"));
    assertThat(options.csvFile("postgresql")).isEqualTo(Path.of("out/sweep.csv"));
  }

  @Test
  void eachStoreGetsItsOwnPlotWhenBothRun() {
    CompareBenchOptions defaults = CompareBenchOptions.parse(new String[] {});
    CompareBenchOptions named = CompareBenchOptions.parse(new String[] {"--plot", "a/b.svg"});

    assertThat(defaults.plotFile("sqlite")).isEqualTo(Path.of("target/bench-compare-sqlite.svg"));
    assertThat(defaults.csvFile("postgresql"))
        .isEqualTo(Path.of("target/bench-compare-postgresql.csv"));
    assertThat(named.plotFile("sqlite")).isEqualTo(Path.of("a/b-sqlite.svg"));
    assertThat(named.plotFile("postgresql")).isEqualTo(Path.of("a/b-postgresql.svg"));
  }

  @Test
  void refusesWhatItCannotRun() {
    assertThatThrownBy(() -> CompareBenchOptions.parse(new String[] {"--store", "mysql"}))
        .hasMessageContaining("--store takes sqlite, postgresql or both");
    assertThatThrownBy(() -> CompareBenchOptions.parse(new String[] {"--clients", "1,x"}))
        .hasMessageContaining("--clients takes N or N,N");
    assertThatThrownBy(() -> CompareBenchOptions.parse(new String[] {"--clients", "0"}))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> CompareBenchOptions.parse(new String[] {"--duration", "0"}))
        .hasMessageContaining("--duration > 0");
    assertThatThrownBy(() -> CompareBenchOptions.parse(new String[] {"--plot", "a.png"}))
        .hasMessageContaining(".svg");
    assertThatThrownBy(() -> CompareBenchOptions.parse(new String[] {"--clients"}))
        .hasMessageContaining("--clients needs a value");
  }

  @Test
  void theBenchCommandAnswersHelpAndAWrongOptionWithTheOptions() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int help;
    int wrong;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      help = BenchCommand.run(new String[] {"compare", "--help"});
      wrong = BenchCommand.run(new String[] {"compare", "--clients", "none"});
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(help).isZero();
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .startsWith("usage: radflow bench compare")
        .contains("--clients N or a list");
    assertThat(wrong).isEqualTo(2);
  }
}
