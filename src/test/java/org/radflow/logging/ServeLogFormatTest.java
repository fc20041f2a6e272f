package org.radflow.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code radflow serve} in a JVM of its own, on the main classpath (the tests' logback
 * configuration would take over the log): {@code RADFLOW_LOG_FORMAT=json} makes every console line
 * an ECS JSON object, and a value radflow does not know stops the start, naming the allowed ones.
 */
class ServeLogFormatTest {

  @TempDir Path home;

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void jsonMakesEveryConsoleLineAnEcsObject() throws Exception {
    Path printed = home.resolve("serve.log");
    Process serve = serve("json", printed);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.readString(printed).contains("radflow ready")) {
        assertThat(serve.isAlive()).as(Files.readString(printed)).isTrue();
        assertThat(System.nanoTime()).as("radflow ready within 120 s").isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(200); // polling a process that is starting up
      }
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
      serve.destroyForcibly().waitFor();
    }
    List<String> lines = Files.readAllLines(printed, StandardCharsets.UTF_8);
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode entry = json.readTree(line);
      assertThat(entry.isObject()).as(line).isTrue();
      assertThat(entry.path("@timestamp").isString()).as(line).isTrue();
      assertThat(entry.path("log").path("level").isString()).as(line).isTrue();
      assertThat(entry.path("ecs").path("version").isString()).as(line).isTrue();
    }
    assertThat(lines).anyMatch(line -> line.contains("\"message\":\"radflow ready"));
  }

  @Test
  void anUnknownFormatStopsTheStartNamingTheAllowedValues() throws Exception {
    Path printed = home.resolve("serve.log");
    Process serve = serve("xml", printed);
    boolean ended = serve.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      serve.destroyForcibly().waitFor();
    }
    String output = Files.readString(printed);
    assertThat(ended).as(output).isTrue();
    assertThat(serve.exitValue()).as(output).isNotZero();
    assertThat(output)
        .contains("RADFLOW_LOG_FORMAT is 'xml'; it must be one of: text, json")
        .contains("Set RADFLOW_LOG_FORMAT to one of text, json")
        .doesNotContain("radflow ready");
  }

  private Process serve(String format, Path printed) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes"))
            .collect(Collectors.joining(File.pathSeparator)));
    command.addAll(List.of("org.radflow.RadflowMain", "serve", "--port", "0"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().put("RADFLOW_HOME", home.toString());
    builder.environment().put("RADFLOW_MLLP_PORT", "0");
    builder.environment().put("RADFLOW_LOG_FORMAT", format);
    builder.environment().remove("RADFLOW_DB_URL");
    builder.redirectErrorStream(true);
    builder.redirectOutput(printed.toFile());
    return builder.start();
  }
}
