package org.radflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The browser fixture against a page served by the JDK's own HTTP server: it loads the page, runs
 * its script, signs in through a form, takes a screenshot of the laptop-sized window, and leaves no
 * process or profile behind; and Selenium Manager, which would try to download, is never run.
 */
class ChromiumTest {

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static final String BUTTON_PAGE =
      """
      <!doctype html>
      <html><head><title>fixture</title></head><body>
      <p id="greeting">not clicked</p>
      <button id="greet" onclick="document.getElementById('greeting').textContent = 'clicked'">
        Greet</button>
      </body></html>
      """;

  private static final String LOGIN_PAGE =
      """
      <!doctype html>
      <html><body><form method="post" action="/login">
      <label>User <input name="username"></label>
      <label>Password <input name="password" type="password"></label>
      <button type="submit">Sign in</button>
      </form></body></html>
      """;

  private HttpServer server;
  private URI base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/button", exchange -> answer(exchange, 200, BUTTON_PAGE));
    server.createContext(
        "/login",
        exchange -> {
          if (exchange.getRequestMethod().equals("GET")) {
            answer(exchange, 200, LOGIN_PAGE);
            return;
          }
          String form =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean right = form.equals("username=ops&password=s3cret");
          exchange.getResponseHeaders().add("Location", right ? "/button" : "/login?error");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void clicksAButtonThatChangesTextAndTakesALaptopSizedScreenshot() throws IOException {
    Path profile;
    try (Chromium chromium = Chromium.start()) {
      profile = profileOf();
      chromium.open(base.resolve("/button"));
      chromium.visible("#greet").click();
      chromium.await(ExpectedConditions.textToBe(By.id("greeting"), "clicked"));
      assertThat(chromium.driver().findElement(By.id("greeting")).getText()).isEqualTo("clicked");

      Path png = chromium.screenshot("chromium-fixture");

      assertThat(png).isEqualTo(Chromium.SCREENSHOTS.resolve("chromium-fixture.png"));
      byte[] bytes = Files.readAllBytes(png);
      assertThat(Arrays.copyOf(bytes, PNG_MAGIC.length)).isEqualTo(PNG_MAGIC);
      // the window is the laptop's screen; the screenshot is what a page gets of it, the viewport
      assertThat(chromium.driver().manage().window().getSize())
          .isEqualTo(new Dimension(Chromium.WIDTH, Chromium.HEIGHT));
      Object viewportHeight =
          ((JavascriptExecutor) chromium.driver()).executeScript("return window.innerHeight");
      // the IHDR chunk: width and height, big-endian, right after the magic and the chunk header
      assertThat(ByteBuffer.wrap(bytes, 16, 4).getInt()).isEqualTo(Chromium.WIDTH);
      assertThat((long) ByteBuffer.wrap(bytes, 20, 4).getInt()).isEqualTo(viewportHeight);
      assertThat(browserProcesses()).isNotEmpty();
    }
    assertThat(browserProcesses()).isEmpty();
    assertThat(profile).doesNotExist();
  }

  @Test
  void signsInThroughTheFormAndSaysSoWhenTheFormRefuses() {
    try (Chromium chromium = Chromium.start()) {
      chromium.signIn(base, "ops", "s3cret");
      assertThat(chromium.driver().getCurrentUrl()).isEqualTo(base + "/button");

      assertThatThrownBy(() -> chromium.signIn(base, "ops", "wrong"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("/login?error");
    }
    assertThat(browserProcesses()).isEmpty();
  }

  @Test
  void neverAsksSeleniumManagerForADriverOrABrowser() {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Logger selenium = Logger.getLogger("org.openqa.selenium");
    Level before = selenium.getLevel();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(Level.ALL);
    selenium.setLevel(Level.FINE);
    selenium.addHandler(capture);
    try (Chromium chromium = Chromium.start()) {
      assertThat(chromium.driver().getTitle()).isNotNull();
    } finally {
      selenium.removeHandler(capture);
      selenium.setLevel(before);
    }
    assertThat(records)
        .extracting(LogRecord::getMessage)
        .anyMatch(message -> message.startsWith("Skipping Selenium Manager"));
    assertThat(records)
        .extracting(LogRecord::getLoggerName)
        .noneMatch(name -> name.startsWith("org.openqa.selenium.manager"));
  }

  private static void answer(HttpExchange exchange, int status, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Chromedriver and browser processes this JVM started and that are still running. */
  private static List<String> browserProcesses() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .map(p -> p.info().commandLine().orElse(""))
        .filter(command -> command.contains("chrom"))
        .toList();
  }

  /** The --user-data-dir of the one browser running, read from its command line. */
  private static Path profileOf() {
    return ProcessHandle.current()
        .descendants()
        .map(p -> p.info().commandLine().orElse(""))
        .flatMap(command -> Arrays.stream(command.split(" ")))
        .filter(argument -> argument.startsWith("--user-data-dir="))
        .map(argument -> Path.of(argument.substring("--user-data-dir=".length())))
        .findFirst()
        .orElseThrow();
  }
}
