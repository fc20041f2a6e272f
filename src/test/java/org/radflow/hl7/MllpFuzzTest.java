package org.radflow.hl7;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.config.Stores;

/**
 * Damaged messages, made from real ones by a seeded {@link FrameMutator}, sent over MLLP: every
 * frame gets exactly one ACK, no connection is dropped without one, and a fresh sender is still
 * answered afterwards. In CI it sends 1,500 frames; for longer:
 *
 * <pre>
 * mvn -B -o -Dmdep.skip test -Dtest=MllpFuzzTest -Dradflow.fuzz.frames=200000 -Dradflow.fuzz.seed=7
 * </pre>
 */
class MllpFuzzTest {

  static final int FRAMES = Integer.getInteger("radflow.fuzz.frames", 1500);
  static final long SEED = Long.getLong("radflow.fuzz.seed", 20261204L);

  /** Between sentinels: a valid message whose ACK must be the very next one. */
  static final int SENTINEL_EVERY = 100;

  @TempDir Path home;
  TestHl7Service.Running running;
  Stores store;
  Hl7Service hl7;

  @BeforeEach
  void start() throws Exception {
    running =
        TestHl7Service.onFreshStores(home, TestHl7Service.settings(4, Set.of("FT1-23", "SCH-27")));
    store = running.stores();
    hl7 = running.hl7();
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void everyDamagedFrameGetsExactlyOneAckAndTheListenerStaysHealthy() throws Exception {
    FrameMutator mutator = new FrameMutator(seeds(), SEED);
    Map<String, Integer> acks = new TreeMap<>();
    List<String> faults = new ArrayList<>();
    int dropped = 0;
    long started = System.nanoTime();
    RawMllp sender = new RawMllp(hl7.listener().port());
    try {
      for (int i = 1; i <= FRAMES; i++) {
        FrameMutator.Mutant mutant = mutator.next();
        String ack;
        try {
          sender.write(RawMllp.framed(mutant.message()));
          ack = sender.readAck();
        } catch (IOException lost) {
          dropped++;
          sender.close();
          sender = new RawMllp(hl7.listener().port());
          continue;
        }
        String code = RawMllp.code(ack);
        acks.merge(code, 1, Integer::sum);
        if (ack.contains("radflow failed processing")) {
          faults.add(mutant.mutations() + ": " + ack.replace('\r', ' '));
        }
        if (i % SENTINEL_EVERY == 0) {
          String id = "SENTINEL" + i;
          String sentinelAck = sender.send(Hl7Messages.order("NW", id, "FUZZ", id));
          assertThat(sentinelAck).as("the next ACK is the sentinel's own").contains("|" + id + "|");
        }
      }
    } finally {
      sender.close();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "MLLP fuzz: %d frames (seed %d) in %.1f s, ACKs %s, %d without an ACK%n",
        FRAMES, SEED, seconds, acks, dropped);
    assertThat(dropped).as("connections dropped without an ACK").isZero();
    assertThat(acks.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(FRAMES);
    assertThat(acks.keySet()).isSubsetOf("AA", "AE", "AR");
    assertThat(faults).as("frames that reached radflow's own fault handler").isEmpty();
    try (RawMllp fresh = new RawMllp(hl7.listener().port())) {
      assertThat(RawMllp.code(fresh.send(Hl7Messages.order("NW", "PROBE", "P1", "PROBE"))))
          .isEqualTo("AA");
    }
  }

  /** The conformance suite's messages and the builders' own. */
  static List<byte[]> seeds() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    Path root = Path.of(MllpFuzzTest.class.getResource(ConformanceSuiteTest.ROOT).toURI());
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".hl7")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          seeds.add(in.readAllBytes());
        }
      }
    }
    for (String message :
        List.of(
            Hl7Messages.order("NW", "F1", "P1", "F1"),
            Hl7Messages.orderStatus("F2", "P1", "F1", "IP"),
            Hl7Messages.omi("F3", "P1", "F3", "1.2.3.4"),
            Hl7Messages.result("F4", "P1", "F1", "F", "No acute findings."),
            Hl7Messages.booking("S12", "F5", "P1", "F1", "APT1", "20261127090000"),
            Hl7Messages.charge("F6", "P1", "F1", "CG"),
            Hl7Messages.patientUpdate("A08", "F7", "P1"),
            Hl7Messages.merge("F8", "P1", "P2"))) {
      seeds.add(message.getBytes(UTF_8));
    }
    return seeds;
  }
}
