package org.radflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's answers as an operator's script reads them: its exit status and its lines. A
 * restore with missing blobs is rehearsed in durability.BackupRestoreUnderLoadTest.
 */
class RestoreCheckCommandTest {

  @TempDir Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void anEmptyInstallationReferencesNothingAndPasses() {
    int exit = run("--blobs", home.resolve("blobs").toString());

    assertThat(exit).as(text(err)).isZero();
    assertThat(text(out))
        .startsWith("0 references to 0 blobs in ")
        .contains("0 references to missing blobs");
  }

  @Test
  void helpIsTheUsage() {
    assertThat(run("--help")).isZero();
    assertThat(text(out)).isEqualTo(RestoreCheckCommand.USAGE);
  }

  @Test
  void anUnknownOptionIsRefusedWithTheUsage() {
    assertThat(run("--blob", "x")).isEqualTo(2);
    assertThat(text(err)).contains("unknown option '--blob'").contains(RestoreCheckCommand.USAGE);
  }

  @Test
  void aDatabaseThatCannotBeReachedCannotBeChecked() {
    int exit =
        RestoreCheckCommand.run(
            new String[0],
            Map.of("RADFLOW_HOME", home.toString(), "RADFLOW_DB_URL", "jdbc:unknown:nowhere"),
            print(out),
            print(err));

    assertThat(exit).isEqualTo(2);
    assertThat(text(err)).startsWith("radflow restore-check: cannot check: ");
  }

  private int run(String... args) {
    return RestoreCheckCommand.run(
        args, Map.of("RADFLOW_HOME", home.toString()), print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
