package org.radflow.events;

import java.nio.file.Files;

/**
 * Runs the test harness's Kafka broker on its own, for benchmarks: prints its bootstrap address and
 * runs until killed (the broker process goes with it).
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws Exception {
    KafkaTestBroker broker = KafkaTestBroker.start(Files.createTempFile("radflow-kafka", ".log"));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    System.out.println(broker.bootstrap());
    System.out.flush();
    Thread.currentThread().join();
  }
}
