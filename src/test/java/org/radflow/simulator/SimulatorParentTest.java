package org.radflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.radflow.RadflowMain;

/**
 * {@code radflow simulators --parent-pid N} exits when process N does, however it ended: a
 * benchmark killed with SIGKILL runs no shutdown hook and must still leave no simulators behind.
 */
class SimulatorParentTest {

  @Test
  void theSimulatorsExitWhenTheirParentIsKilled() throws Exception {
    Process parent = new ProcessBuilder("sleep", "120").start();
    Process simulators =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    RadflowMain.class.getName(),
                    "simulators",
                    "--control-port",
                    "0",
                    "--base-port",
                    "0",
                    "--parent-pid",
                    Long.toString(parent.pid())))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(simulators.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("{\"control\"")) {
        // start-up output before the line that says where they listen
      }
      assertThat(line).as("the simulators started").isNotNull();
      assertThat(simulators.isAlive()).isTrue();

      parent.destroyForcibly(); // SIGKILL

      assertThat(simulators.waitFor(30, TimeUnit.SECONDS))
          .as("the simulators exited after their parent")
          .isTrue();
    } finally {
      parent.destroyForcibly();
      simulators.destroyForcibly();
      simulators.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
