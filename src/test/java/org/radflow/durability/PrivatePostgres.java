package org.radflow.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.radflow.Loopback;

/**
 * A PostgreSQL 15 cluster of a test's own, in a directory of its own, on a free loopback port, set
 * up the way docs/operations.md asks for point-in-time recovery: {@code wal_level = replica} and
 * every completed WAL segment archived. The server refuses to run as root, so its programs run as
 * the {@code postgres} user; the directory is that user's. {@link #close()} stops it at once.
 */
final class PrivatePostgres implements AutoCloseable {

  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final String OS_USER = "postgres";

  private final Path data;
  private final int port;

  private PrivatePostgres(Path data, int port) {
    this.data = data;
    this.port = port;
  }

  /**
   * Whether this machine can run one: the binaries are there, and the test runs as root, which
   * {@code runuser} needs to run them as {@code postgres}.
   */
  static boolean available() {
    return "root".equals(System.getProperty("user.name"))
        && Files.isExecutable(BIN.resolve("initdb"))
        && Files.isExecutable(Path.of("/usr/sbin/runuser"));
  }

  /** A directory the {@code postgres} user owns, for clusters, archives and backups. */
  static Path ownedDirectory(Path parent, String name) throws Exception {
    // the parent, a test's temporary directory, is root's and closed to others: let postgres pass
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
    Path dir = Files.createDirectories(parent.resolve(name));
    run(List.of("chown", OS_USER, dir.toString()), Duration.ofSeconds(10));
    return dir;
  }

  /** Initialises and starts a cluster archiving its WAL into {@code archive}. */
  static PrivatePostgres archiving(Path data, Path archive) throws Exception {
    asPostgres(
        Duration.ofSeconds(60),
        "initdb",
        "-D",
        data.toString(),
        "-A",
        "trust",
        "-U",
        OS_USER,
        "--no-sync");
    int port = Loopback.freePort();
    appendSettings(
        data,
        "wal_level = replica",
        "archive_mode = on",
        "archive_command = 'test ! -f " + archive + "/%f && cp %p " + archive + "/%f'",
        "max_wal_senders = 4");
    return start(data, port);
  }

  /**
   * Restores a base backup in {@code data} by replaying WAL from {@code archive} up to the named
   * restore point, then promotes it: the database as it was at that point.
   */
  static PrivatePostgres restored(Path data, Path archive, String restorePoint) throws Exception {
    appendSettings(
        data,
        "archive_mode = off",
        "restore_command = 'cp " + archive + "/%f %p'",
        "recovery_target_name = '" + restorePoint + "'",
        "recovery_target_action = 'promote'");
    // an empty file the server removes when it promotes (the directory is its own)
    Files.createFile(data.resolve("recovery.signal"));
    PrivatePostgres restored = start(data, Loopback.freePort());
    try {
      restored.awaitPromoted(Duration.ofSeconds(30));
    } catch (Exception | AssertionError e) {
      restored.close(); // started, so stopped, whatever went wrong
      throw e;
    }
    return restored;
  }

  private static PrivatePostgres start(Path data, int port) throws Exception {
    appendSettings(
        data,
        "port = " + port,
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = '" + data + "'");
    asPostgres(
        Duration.ofSeconds(60),
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        data.resolve("server.log").toString(),
        "-w",
        "start");
    return new PrivatePostgres(data, port);
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  String user() {
    return OS_USER;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), OS_USER, "");
  }

  /** A base backup of the running cluster into {@code target}, with the WAL it needs. */
  void baseBackup(Path target) throws Exception {
    asPostgres(
        Duration.ofSeconds(60),
        "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(port),
        "-U",
        OS_USER,
        "-D",
        target.toString(),
        "-X",
        "stream",
        "-c",
        "fast",
        "--no-sync");
  }

  private void awaitPromoted(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = connect("postgres");
          var s = c.createStatement();
          var r = s.executeQuery("select pg_is_in_recovery()")) {
        r.next();
        if (!r.getBoolean(1)) {
          return;
        }
      } catch (SQLException notYet) {
        // still replaying
      }
      Thread.sleep(100); // polling a server that is replaying WAL, not waiting for time to pass
    }
    throw new IllegalStateException(
        "the restored cluster did not finish recovery; see " + data.resolve("server.log"));
  }

  @Override
  public void close() throws Exception {
    asPostgres(
        Duration.ofSeconds(30), "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
  }

  private static void appendSettings(Path data, String... lines) throws IOException {
    Files.writeString(
        data.resolve("postgresql.auto.conf"),
        String.join("\n", lines) + "\n",
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static void asPostgres(Duration timeout, String program, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--"));
    command.add(BIN.resolve(program).toString());
    command.addAll(List.of(args));
    run(command, timeout);
  }

  private static void run(List<String> command, Duration timeout) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in " + timeout);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          command + " exited with " + process.exitValue() + ": " + new String(output));
    }
  }
}
