package org.radflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.radflow.console.Chromium;

/**
 * A small day, end to end, as {@code radflow demo} runs it: radflow on SQLite in a new home, the
 * simulators in their own process, every kind of study and every twist. It must end with nothing
 * lost and nothing duplicated, every study where the day should leave it, and a report; then
 * radflow stays up, its console shows the day in a real Chromium, and it stops when interrupted (as
 * Ctrl-C stops it). The report and the console are photographed for the README on the way ({@code
 * -Dradflow.screenshots=docs/demo} keeps them there).
 */
class DemoDayTest {

  private static final Pattern CONSOLE =
      Pattern.compile("console (http://127\\.0\\.0\\.1:\\d+)/console");

  /** Small for CI; the README's screenshots come from {@code -Dradflow.demo.studies=2000}. */
  private static final int STUDIES = Integer.getInteger("radflow.demo.studies", 60);

  @TempDir Path home;

  @Test
  void aSmallDayEndsWithNothingLostOrDuplicatedThenRadflowStaysUpUntilStopped() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    String before = System.getProperty("radflow.home");
    System.setProperty("radflow.home", home.toString());
    Thread[] demoThread = new Thread[1];
    CompletableFuture<Integer> demo = new CompletableFuture<>();
    try {
      demoThread[0] =
          new Thread(
              () -> {
                try {
                  demo.complete(
                      DemoCommand.run(
                          new String[] {
                            "--studies",
                            Integer.toString(STUDIES),
                            "--port",
                            "0",
                            "--mllp-port",
                            "0"
                          },
                          out));
                } catch (Throwable e) {
                  demo.completeExceptionally(e);
                }
              },
              "demo");
      demoThread[0].start();
      String text = awaitPrinted(printed, demo, "radflow keeps running", Duration.ofMinutes(6));
      System.out.println(text);
      assertThat(text)
          .contains("PASSED: 0 lost, 0 duplicated")
          .containsPattern("lost: acknowledged but absent\\s+0")
          .containsPattern("duplicated: two side effects for one step\\s+0")
          .containsPattern("not where the day should leave them\\s+0")
          .containsPattern("refused \\(kept by radflow as dead letters\\)\\s+0")
          .containsPattern("steps redriven by the operator\\s+[1-9]")
          .containsPattern("compensations \\(undo steps\\)\\s+[1-9]")
          .containsPattern("releases of the national record's suspended work \\(audit\\)\\s+1\\n")
          .containsPattern("national-record: document superseded\\s+[1-9]")
          .containsPattern("events received \\(distinct\\)\\s+[1-9]")
          .containsPattern("out of sequence within a study\\s+0");
      Path report = home.resolve("demo-report.html");
      assertThat(Files.readString(report)).contains("0 lost, 0 duplicated").contains("<svg");

      Matcher console = CONSOLE.matcher(text);
      assertThat(console.find()).as(text).isTrue();
      URI base = URI.create(console.group(1));
      try (Chromium chromium = Chromium.start()) {
        chromium.open(report.toUri());
        assertThat(chromium.visible("h1").getText()).contains("a day of " + STUDIES + " studies");
        assertThat(chromium.driver().findElements(By.cssSelector("svg"))).hasSizeGreaterThan(2);
        chromium.fullPageScreenshot("demo-report");

        String password = Files.readString(home.resolve("admin-password")).trim();
        chromium.signIn(base, "admin", password);
        chromium.open(base.resolve("/console"));
        chromium.visible("#live");
        assertThat(chromium.driver().getPageSource()).contains("FINANCIALLY_COMPLETE");
        chromium.screenshot("demo-console");
      }

      demoThread[0].interrupt(); // what Ctrl-C does to the waiting demo
      demoThread[0].join(Duration.ofSeconds(60).toMillis());
      assertThat(demoThread[0].isAlive()).isFalse();
      assertThat(listening(base)).as("radflow stopped with the demo").isFalse();
    } finally {
      if (demoThread[0] != null && demoThread[0].isAlive()) {
        demoThread[0].interrupt();
        demoThread[0].join(Duration.ofSeconds(60).toMillis());
      }
      if (before == null) {
        System.clearProperty("radflow.home");
      } else {
        System.setProperty("radflow.home", before);
      }
    }
  }

  private static String awaitPrinted(
      ByteArrayOutputStream printed,
      CompletableFuture<Integer> demo,
      String line,
      Duration patience)
      throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      String text = printed.toString(StandardCharsets.UTF_8);
      if (text.contains(line)) {
        return text;
      }
      if (demo.isDone()) {
        throw new AssertionError(
            "the demo ended ("
                + demo.handle((code, e) -> code != null ? "exit " + code : e).get()
                + ") before printing '"
                + line
                + "':\n"
                + text);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError(
        "no '" + line + "' within " + patience + ":\n" + printed.toString(StandardCharsets.UTF_8));
  }

  private static boolean listening(URI base) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
