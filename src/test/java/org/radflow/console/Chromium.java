package org.radflow.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the console's browser tests: Debian's {@code chromium} driven
 * through its {@code chromedriver}, both installed by {@code scripts/ensure-chromium}. Both paths
 * are given explicitly, so Selenium Manager is never asked to find, or download, a browser or a
 * driver (Selenium skips it when the service names its executable). Each instance has a profile of
 * its own in a temporary directory, a window the size of the 1366x768 laptop screen, and
 * its chromedriver on a free port; {@link #close} ends both processes and removes the profile.
 *
 * <p>Waits are explicit and bounded ({@link #WAIT}); no implicit wait is set, so a missing element
 * fails at once where a test looks for it without waiting.
 */
public final class Chromium implements AutoCloseable {

  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** The longest any wait of this fixture lasts. */
  public static final Duration WAIT = Duration.ofSeconds(15);

  /** Where every screenshot is written; {@code -Dradflow.screenshots=DIR} adds a copy in DIR. */
  public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  public static final int WIDTH = 1366;
  public static final int HEIGHT = 768;

  // quiet and self-contained: no sandbox (CI runs as root), no GPU, no network of its own
  private static final List<String> FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=" + WIDTH + "," + HEIGHT);

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private Chromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
    this.profile = profile;
    this.service = service;
    this.driver = driver;
  }

  /** Starts chromedriver on a free port and a headless Chromium with a fresh profile. */
  public static Chromium start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("radflow-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Chromium profile directory", e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withSilent(true)
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile.toAbsolutePath());
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(WAIT);
      driver.manage().timeouts().scriptTimeout(WAIT);
      driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
      return new Chromium(profile, service, driver);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
  }

  /** The driver, for what the helpers here do not cover. */
  public WebDriver driver() {
    return driver;
  }

  /** Loads {@code page} and returns once it has loaded (bounded by {@link #WAIT}). */
  public void open(URI page) {
    driver.get(page.toString());
  }

  /** Waits, at most {@link #WAIT}, until {@code condition} holds, and returns what it returned. */
  public <T> T await(ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, WAIT).until(condition);
  }

  /** The element {@code css} selects, once it is visible. */
  public WebElement visible(String css) {
    return await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /**
   * Signs in through the form at {@code base + /login} (fields {@code username} and {@code
   * password}, button {@code button[type=submit]}) and waits for the redirect away from it.
   *
   * @throws IllegalStateException when the form answers with its error page instead
   */
  public void signIn(URI base, String user, String password) {
    open(base.resolve("/login"));
    visible("input[name=username]").sendKeys(user);
    driver.findElement(By.name("password")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    await(d -> !d.getCurrentUrl().contains("/login") || d.getCurrentUrl().contains("error"));
    if (driver.getCurrentUrl().contains("/login")) {
      throw new IllegalStateException(
          "sign-in as " + user + " was refused: the form answered " + driver.getCurrentUrl());
    }
  }

  /**
   * Writes what the window shows to {@code target/console-screenshots/<name>.png} and, when the
   * system property {@code radflow.screenshots} names a directory, to {@code <name>.png} there too.
   *
   * @return the file under {@code target}
   */
  public Path screenshot(String name) {
    return keep(name, driver.getScreenshotAs(OutputType.BYTES));
  }

  /**
   * The whole page, below the fold too, at the window's width: Chromium's own capture through the
   * DevTools protocol, as the WebDriver screenshot is the viewport only.
   */
  public Path fullPageScreenshot(String name) {
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    double width = ((Number) size.get("width")).doubleValue();
    double height = ((Number) size.get("height")).doubleValue();
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    return keep(name, java.util.Base64.getDecoder().decode((String) shot.get("data")));
  }

  private Path keep(String name, byte[] png) {
    Path written = write(SCREENSHOTS, name, png);
    String extra = System.getProperty("radflow.screenshots");
    if (extra != null && !extra.isBlank()) {
      write(Path.of(extra), name, png);
    }
    return written;
  }

  private static Path write(Path dir, String name, byte[] png) {
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write screenshot " + name + " to " + dir, e);
    }
  }

  /**
   * Quits the browser and stops chromedriver, then waits (bounded) until every process they started
   * has exited, ending any that outlive the wait, and removes the profile.
   */
  @Override
  public void close() {
    List<ProcessHandle> started = ProcessHandle.current().descendants().filter(this::ours).toList();
    try {
      driver.quit();
    } finally {
      service.stop();
      for (ProcessHandle process : started) {
        awaitExit(process);
      }
      deleteTree(profile);
    }
  }

  // this instance's chromedriver (by its port) and browser (by its profile), not another's
  private boolean ours(ProcessHandle process) {
    String command = process.info().commandLine().orElse("");
    return (command.startsWith(DRIVER.toString())
            && command.contains("--port=" + service.getUrl().getPort()))
        || command.contains(profile.toAbsolutePath().toString());
  }

  private static void awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("waiting for " + process.pid() + " to exit", e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the Chromium profile " + dir, e);
    }
  }
}
