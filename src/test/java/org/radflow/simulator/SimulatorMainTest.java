package org.radflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

  @Test
  void reads_options_in_both_spellings() {
    assertThat(SimulatorMain.options(new String[] {"--host", "127.0.0.1", "--base-port=0"}))
        .isEqualTo(Map.of("--host", "127.0.0.1", "--base-port", "0"));
  }

  @Test
  void refuses_unknown_or_valueless_options() {
    assertThatThrownBy(() -> SimulatorMain.options(new String[] {"--port", "1"}))
        .hasMessageContaining("unknown option '--port'");
    assertThatThrownBy(() -> SimulatorMain.options(new String[] {"--host"}))
        .hasMessageContaining("--host needs a value");
  }
}
