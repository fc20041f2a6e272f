package org.radflow.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.radflow.Loopback;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy over jclouds' in-memory store, on a free loopback port, in
 * its own JVM.
 *
 * <p>Its own JVM because S3Proxy brings Jetty, jclouds, Jackson 2 and Guava in versions of its own:
 * the build copies its self-contained jar (the {@code jar-with-dependencies} artifact) to {@code
 * target/s3proxy/}, and the path arrives as the system property {@code radflow.test.s3proxy.jar}. A
 * separate process can also be stopped for real, which is what an outage test needs.
 */
public final class S3TestServer implements AutoCloseable {

  public static final String ACCESS_KEY = "radflow-test";
  public static final String SECRET_KEY = "radflow-test-secret";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread reaper;

  private S3TestServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    // a test JVM that dies without closing the server must not leave it running
    this.reaper = new Thread(process::destroyForcibly, "s3proxy-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  private static S3TestServer shared;

  /**
   * One server for all the tests in this JVM that do not stop it (starting one takes seconds),
   * started on first use, with its settings and log under {@code target/s3proxy/}; it stops when
   * the JVM exits. Tests keep out of each other's way by bucket or key prefix, and never close it.
   */
  public static synchronized S3TestServer shared() throws IOException {
    if (shared == null) {
      Path workDir = jar().resolveSibling("shared-" + ProcessHandle.current().pid());
      shared = start(Files.createDirectories(workDir));
    }
    return shared;
  }

  /** Starts a server with its settings and log in {@code workDir}, and waits until it answers. */
  public static S3TestServer start(Path workDir) throws IOException {
    int port = Loopback.freePort();
    Path properties = workDir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        """
        s3proxy.endpoint=http://127.0.0.1:%d
        s3proxy.authorization=aws-v2-or-v4
        s3proxy.identity=%s
        s3proxy.credential=%s
        jclouds.provider=transient
        jclouds.identity=unused
        jclouds.credential=unused
        """
            .formatted(port, ACCESS_KEY, SECRET_KEY),
        StandardCharsets.UTF_8);
    Path log = workDir.resolve("s3proxy.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar().toString(),
                    "--properties",
                    properties.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3TestServer server = new S3TestServer(process, port, log);
    server.awaitReady();
    return server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public S3Settings settings(String bucket, String prefix) {
    return new S3Settings(bucket, prefix, endpoint(), null, true, ACCESS_KEY, SECRET_KEY);
  }

  /** A client of its own, for what a test does behind a store's back. */
  public S3Client client() {
    return S3BlobStore.client(settings("unused", ""));
  }

  public void createBucket(String bucket) {
    try (S3Client client = client()) {
      client.createBucket(create -> create.bucket(bucket));
    }
  }

  /** Stops the server and waits until it has exited. */
  public void stop() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("S3Proxy did not exit within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted stopping S3Proxy", e);
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs anyway; the process is gone
    }
  }

  private static Path jar() {
    String jar = System.getProperty("radflow.test.s3proxy.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "no S3Proxy jar at '"
              + jar
              + "': run the tests with Maven, which copies it to target/s3proxy/s3proxy.jar"
              + " (generate-test-resources) and passes its path as radflow.test.s3proxy.jar");
    }
    return Path.of(jar);
  }

  /** Polls the port of a process that is starting up; this is not waiting for time to pass. */
  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!Loopback.acceptsConnections(port, Duration.ofMillis(200))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("S3Proxy did not start; its log:\n" + logText());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for S3Proxy", e);
      }
    }
  }

  private String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
