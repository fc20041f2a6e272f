package org.radflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.radflow.study.TransitionType;

/** The console bench's options, and the mix of studies it loads. */
class ConsoleBenchOptionsTest {

  @Test
  void withoutOptionsItLoadsAHundredThousandStudiesIntoPostgresqlAndMeasuresTheConsolePages() {
    ConsoleBenchOptions options = ConsoleBenchOptions.parse(new String[] {});

    assertThat(options)
        .isEqualTo(
            new ConsoleBenchOptions(
                "postgresql", 100_000, 2_000, 8, 30, 5, false, null, ConsoleBench.PAGES));
  }

  @Test
  void readsEveryOption() {
    ConsoleBenchOptions options =
        ConsoleBenchOptions.parse(
            new String[] {
              "--store",
              "sqlite",
              "--studies",
              "2000",
              "--seed",
              "500",
              "--clients",
              "16",
              "--requests",
              "50",
              "--warmup",
              "0",
              "--keep",
              "--db",
              "/tmp/console.db",
              "--pages",
              "/login, /console"
            });

    assertThat(options)
        .isEqualTo(
            new ConsoleBenchOptions(
                "sqlite",
                2000,
                500,
                16,
                50,
                0,
                true,
                Path.of("/tmp/console.db"),
                List.of("/login", "/console")));
    assertThat(options.keptSqliteFile()).isEqualTo(Path.of("/tmp/console.db"));
    assertThat(options.seedStudies()).isEqualTo(500);
  }

  @Test
  void neverSeedsMoreStudiesThanItWasAskedFor() {
    ConsoleBenchOptions options =
        ConsoleBenchOptions.parse(new String[] {"--studies", "300", "--seed", "2000"});

    assertThat(options.seedStudies()).isEqualTo(300);
    assertThatThrownBy(() -> ConsoleBenchOptions.parse(new String[] {"--seed", "0"}))
        .hasMessageContaining("--seed");
  }

  @Test
  void refusesWhatItCannotDo() {
    assertThatThrownBy(() -> ConsoleBenchOptions.parse(new String[] {"--store", "oracle"}))
        .hasMessageContaining("--store");
    assertThatThrownBy(() -> ConsoleBenchOptions.parse(new String[] {"--db", "/tmp/x.db"}))
        .hasMessageContaining("--keep");
    assertThatThrownBy(
            () ->
                ConsoleBenchOptions.parse(
                    new String[] {"--store", "postgresql", "--keep", "--db", "/tmp/x.db"}))
        .hasMessageContaining("SQLite");
    assertThatThrownBy(() -> ConsoleBenchOptions.parse(new String[] {"--pages", "console"}))
        .hasMessageContaining("beginning with /");
    assertThatThrownBy(() -> ConsoleBenchOptions.parse(new String[] {"--studies", "0"}))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> ConsoleBenchOptions.parse(new String[] {"--requests"}))
        .hasMessageContaining("needs a value");
  }

  @Test
  void mostStudiesCompleteAFewHundredPerHundredThousandAreInTheExceptionLane() {
    Map<ConsoleLoad.Fate, Long> fates =
        IntStream.range(0, 100_000)
            .mapToObj(ConsoleLoad.Fate::of)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    assertThat(fates)
        .containsEntry(ConsoleLoad.Fate.IN_EXCEPTION, 300L)
        .containsEntry(ConsoleLoad.Fate.CANCELLED, 2_000L)
        .containsEntry(ConsoleLoad.Fate.IN_FLIGHT, 12_000L)
        .containsEntry(ConsoleLoad.Fate.COMPLETE, 85_700L);
    assertThat(ConsoleLoad.Fate.of(ConsoleLoad.SAMPLE)).isEqualTo(ConsoleLoad.Fate.COMPLETE);
  }

  @Test
  void studiesInFlightStopAtEveryStageOfTheTracks() {
    List<Integer> stages =
        IntStream.range(0, 100_000)
            .filter(n -> ConsoleLoad.Fate.of(n) == ConsoleLoad.Fate.IN_FLIGHT)
            .mapToObj(n -> ConsoleLoad.path(n).size())
            .distinct()
            .sorted()
            .toList();

    assertThat(stages).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(ConsoleLoad.path(ConsoleLoad.SAMPLE))
        .endsWith(TransitionType.FINANCIALLY_RECONCILED);
  }
}
