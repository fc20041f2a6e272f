package org.radflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

  @Test
  void theDefaultsAreTheReadmesDay() {
    DemoOptions options = DemoOptions.parse(new String[] {});
    assertThat(options.studies()).isEqualTo(2000);
    assertThat(options.speed()).isZero();
    assertThat(options.noWait()).isFalse();
    assertThat(options.store()).isEqualTo("sqlite");
  }

  @Test
  void everyOptionIsRead() {
    DemoOptions options =
        DemoOptions.parse(
            new String[] {
              "--studies",
              "300",
              "--speed",
              "500",
              "--no-wait",
              "--store",
              "PostgreSQL",
              "--port",
              "0",
              "--mllp-port",
              "0",
              "--seed",
              "7"
            });
    assertThat(options).isEqualTo(new DemoOptions(300, 500, true, "postgresql", 0, 0, 7));
  }

  @Test
  void aBadOptionIsNamedWithWhatWouldDo() {
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--studies", "5"}))
        .hasMessageContaining("--studies must be between 20 and 100000");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--studies", "many"}))
        .hasMessage("--studies needs a number, was 'many'");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--speed", "0"}))
        .hasMessageContaining("--speed must be a positive number");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--store", "oracle"}))
        .hasMessage("--store is sqlite or postgresql, was oracle");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--fast"}))
        .hasMessageContaining("--fast");
  }

  @Test
  void helpPrintsTheUsageAndBadOptionsExitTwo() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    assertThat(DemoCommand.run(new String[] {"--help"}, out)).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(DemoOptions.USAGE);
    assertThat(DemoCommand.run(new String[] {"--studies", "1"}, out)).isEqualTo(2);
  }

  @Test
  void aSpeedIsChosenSoTheDayTakesAboutAMinutePerThousandStudies() {
    DemoOptions options = DemoOptions.parse(new String[] {"--studies", "2000"});
    assertThat(DemoCommand.chosenSpeed(options, 42_000)).isEqualTo(42_000 / 120.0);
    DemoOptions small = DemoOptions.parse(new String[] {"--studies", "60"});
    assertThat(DemoCommand.chosenSpeed(small, 42_000)).isEqualTo(42_000 / 30.0);
    DemoOptions given = DemoOptions.parse(new String[] {"--speed", "100"});
    assertThat(DemoCommand.chosenSpeed(given, 42_000)).isEqualTo(100);
  }
}
