package org.radflow.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.radflow.Loopback;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run
 * from the test classpath in its own JVM.
 *
 * <p>Being a separate process, it can be stopped gracefully (SIGTERM) or killed (SIGKILL) and
 * restarted on the same ports and data directory to simulate an outage, and a broker crash cannot
 * take the test JVM down. The storage is formatted once, before the first start, as {@code
 * kafka-storage format --standalone} does. Both listeners bind to loopback on ports picked at
 * random; the data lives in a temporary directory deleted by {@link #close()}. Topics are never
 * created implicitly: a test creates them with {@link #createTopic(String, int)}.
 *
 * <pre>{@code
 * try (KafkaTestBroker broker = KafkaTestBroker.start(tempDir.resolve("kafka.log"))) {
 *   broker.createTopic("events", 3);
 *   // produce to broker.bootstrap() ...
 *   broker.stop();  // outage
 *   broker.restart();
 *   List<ConsumerRecord<String, byte[]>> all = broker.readAll("events", Duration.ofSeconds(1));
 * }
 * }</pre>
 */
public final class KafkaTestBroker implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  private static final String LOGBACK_CONFIG =
      """
      <configuration>
        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <root level="INFO"><appender-ref ref="OUT"/></root>
      </configuration>
      """;

  private final Path workDir;
  private final Path serverProperties;
  private final Path logFile;
  private final int brokerPort;
  private final Thread reaper = new Thread(this::destroyForcibly, "kafka-test-broker-reaper");
  private volatile Process process;
  private boolean closed;

  private KafkaTestBroker(Path workDir, Path serverProperties, Path logFile, int brokerPort) {
    this.workDir = workDir;
    this.serverProperties = serverProperties;
    this.logFile = logFile;
    this.brokerPort = brokerPort;
  }

  /**
   * Formats a fresh data directory, starts the broker and returns once it answers an admin request.
   * The broker's output, over all its restarts, is appended to {@code logFile}.
   */
  public static KafkaTestBroker start(Path logFile) {
    Path workDir = null;
    try {
      workDir = Files.createTempDirectory("kafka-test-broker");
      int brokerPort = Loopback.freePort();
      int controllerPort = Loopback.freePort();
      while (controllerPort == brokerPort) {
        controllerPort = Loopback.freePort();
      }
      Path serverProperties = workDir.resolve("server.properties");
      writeServerProperties(serverProperties, workDir.resolve("data"), brokerPort, controllerPort);
      Files.writeString(workDir.resolve("logback.xml"), LOGBACK_CONFIG, StandardCharsets.UTF_8);
      KafkaTestBroker broker = new KafkaTestBroker(workDir, serverProperties, logFile, brokerPort);
      Runtime.getRuntime().addShutdownHook(broker.reaper);
      try {
        broker.formatStorage();
        broker.launch();
      } catch (RuntimeException e) {
        try {
          broker.close();
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
      return broker;
    } catch (IOException e) {
      if (workDir != null) {
        deleteRecursively(workDir);
      }
      throw new UncheckedIOException("could not prepare a Kafka broker", e);
    }
  }

  /** The {@code bootstrap.servers} value for clients: this broker's plaintext loopback listener. */
  public String bootstrap() {
    return "127.0.0.1:" + brokerPort;
  }

  /** Creates a topic with {@code partitions} partitions, replication factor 1, and waits for it. */
  public void createTopic(String name, int partitions) {
    try (Admin admin = Admin.create(adminConfig())) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + name, e);
    }
  }

  /**
   * Every record of {@code topic}, from the beginning of each partition, in partition order and
   * offset order within a partition. Reads at least up to the end offsets seen when called, then
   * until no new record has arrived for {@code quietFor}. The consumer uses its own group id and
   * commits nothing.
   */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration quietFor) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "read-all-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      // Assigning every partition, rather than subscribing, means no group rebalance can make an
      // empty first poll look like the end of the topic.
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> endOffsets =
          consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long quietSince = System.nanoTime();
      while (!reachedEnd(consumer, endOffsets)
          || System.nanoTime() - quietSince < quietFor.toNanos()) {
        int before = records.size();
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        if (records.size() > before) {
          quietSince = System.nanoTime();
        }
      }
      records.sort(
          Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
              .thenComparingLong(ConsumerRecord::offset));
      return records;
    }
  }

  /** Stops the broker gracefully (SIGTERM, controlled shutdown) and waits for it to exit. */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(process, STOP_TIMEOUT)) {
      destroyForcibly();
      throw new IllegalStateException(
          "Kafka broker did not stop within " + STOP_TIMEOUT + ", killed it\n" + logTail());
    }
  }

  /** SIGKILL: no shutdown hook, no controlled shutdown, no flush. */
  public synchronized void kill() {
    destroyForcibly();
  }

  /**
   * Stops the broker if it is running, then starts it again on the same ports and data directory
   * and waits until it is ready.
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("the broker is closed");
    }
    stop();
    launch();
  }

  /** Stops the broker and deletes its data; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop();
    } finally {
      deleteRecursively(workDir);
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running or about to; nothing left to undo
      }
    }
  }

  private void formatStorage() {
    String clusterId = Uuid.randomUuid().toString();
    Process format =
        startJvm(
            "kafka.tools.StorageTool",
            "format",
            "--standalone",
            "--cluster-id",
            clusterId,
            "--config",
            serverProperties.toString());
    if (!waitFor(format, READY_TIMEOUT)) {
      format.destroyForcibly();
      throw new IllegalStateException("formatting Kafka storage timed out\n" + logTail());
    }
    if (format.exitValue() != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage failed with " + format.exitValue() + "\n" + logTail());
    }
  }

  private synchronized void launch() {
    process = startJvm("kafka.Kafka", serverProperties.toString());
    awaitReady();
  }

  private Process startJvm(String mainClass, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-Dlogback.configurationFile=" + workDir.resolve("logback.xml"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + mainClass, e);
    }
  }

  /**
   * Waits for the listener to accept connections, then for an admin request to be answered. The
   * plain socket probe comes first because an admin client facing a closed port re-bootstraps in a
   * tight loop, spending the CPU the starting broker needs.
   */
  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try {
      while (!Loopback.acceptsConnections(brokerPort, Duration.ofMillis(500))) {
        checkAlive(deadline);
        Thread.sleep(100); // polling a process that is starting up, not waiting for time to pass
      }
      try (Admin admin = Admin.create(adminConfig())) {
        while (true) {
          checkAlive(deadline);
          try {
            admin
                .describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                .nodes()
                .get(3, TimeUnit.SECONDS);
            return;
          } catch (ExecutionException | TimeoutException notYet) {
            // still starting
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the Kafka broker", e);
    }
  }

  private void checkAlive(long deadline) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "Kafka broker exited with " + process.exitValue() + "\n" + logTail());
    }
    if (System.nanoTime() >= deadline) {
      destroyForcibly();
      throw new IllegalStateException(
          "Kafka broker was not ready within " + READY_TIMEOUT + "\n" + logTail());
    }
  }

  private Properties adminConfig() {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    return config;
  }

  /** Unsynchronized so that the shutdown hook can never wait on a thread that is starting. */
  private void destroyForcibly() {
    Process current = process;
    if (current != null && current.isAlive()) {
      current.destroyForcibly();
      waitFor(current, STOP_TIMEOUT);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return "last lines of "
          + logFile
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(could not read " + logFile + ": " + e + ")";
    }
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> endOffsets) {
    try {
      return endOffsets.entrySet().stream()
          .allMatch(
              end -> consumer.position(end.getKey(), Duration.ofSeconds(5)) >= end.getValue());
    } catch (KafkaException notYet) {
      return false;
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a Kafka process", e);
    }
  }

  /**
   * Single-node settings. The short broker session lets a restart after {@link #kill()} register
   * again within seconds: the controller refuses the new incarnation until the killed one's session
   * (9 s by default) has expired.
   */
  private static void writeServerProperties(
      Path file, Path dataDir, int brokerPort, int controllerPort) throws IOException {
    String host = "127.0.0.1";
    String content =
        """
        process.roles=broker,controller
        node.id=1
        listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
        advertised.listeners=PLAINTEXT://%1$s:%2$d
        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
        inter.broker.listener.name=PLAINTEXT
        controller.listener.names=CONTROLLER
        controller.quorum.bootstrap.servers=%1$s:%3$d
        log.dirs=%4$s
        num.partitions=1
        default.replication.factor=1
        min.insync.replicas=1
        offsets.topic.replication.factor=1
        offsets.topic.num.partitions=1
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        transaction.state.log.num.partitions=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        group.initial.rebalance.delay.ms=0
        auto.create.topics.enable=false
        broker.heartbeat.interval.ms=500
        broker.session.timeout.ms=3000
        """
            .formatted(host, brokerPort, controllerPort, dataDir.toAbsolutePath());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }
}
