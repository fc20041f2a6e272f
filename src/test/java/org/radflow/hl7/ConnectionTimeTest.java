package org.radflow.hl7;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.radflow.hl7.Hl7Messages.order;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.config.Stores;
import org.radflow.deadletter.DeadLetter;
import org.radflow.deadletter.DeadLetterQuery;

/**
 * A slot is given back by a sender that says nothing, and a frame must end within the frame timeout
 * of its start block however slowly its bytes come. The listener's clock is moved on, not waited
 * for.
 */
class ConnectionTimeTest {

  static final Duration IDLE = Duration.ofMinutes(5);

  @TempDir Path home;
  TestHl7Service.Running running;
  Stores store;
  Hl7Service hl7;
  final SkippingClock clock = new SkippingClock();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void start() throws Exception {
    running =
        TestHl7Service.onFreshStores(
            home, TestHl7Service.settings(1, Set.of()).withIdleTimeout(IDLE), clock, meters);
    store = running.stores();
    hl7 = running.hl7();
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void aSilentConnectionIsClosedAfterTheIdleTimeoutAndItsSlotServesTheNextSender()
      throws Exception {
    try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), hl7.listener().port())) {
      silent.setSoTimeout(30_000);
      await().atMost(Duration.ofSeconds(10)).until(() -> hl7.listener().openConnections() == 1);
      clock.skip(IDLE.minusSeconds(1));
      try (RawMllp waiting = new RawMllp(hl7.listener().port())) {
        assertThat(closedByPeer(waiting)).as("the one slot is taken").isTrue();
      }
      clock.skip(Duration.ofSeconds(2));
      assertThat(silent.getInputStream().read()).as("closed by radflow").isEqualTo(-1);
    }
    try (RawMllp next = new RawMllp(hl7.listener().port())) {
      assertThat(RawMllp.code(next.send(order("NW", "T1", "P1", "T1")))).isEqualTo("AA");
    }
    assertThat(meters.counter("radflow.mllp.connections.idle.closed").count()).isEqualTo(1);
    assertThat(
            meters.counter("radflow.mllp.connections.refused", "reason", "over_capacity").count())
        .isEqualTo(1);
  }

  @Test
  void lineEndsSentBetweenMessagesDoNotKeepAConnectionOpen() throws Exception {
    try (Socket chatty = new Socket(InetAddress.getLoopbackAddress(), hl7.listener().port())) {
      await().atMost(Duration.ofSeconds(10)).until(() -> hl7.listener().openConnections() == 1);
      // a line end, then a minute on the listener's clock, until radflow closes the connection
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                clock.skip(Duration.ofMinutes(1));
                return closedAfterALineEnd(chatty);
              });
    }
    assertThat(meters.counter("radflow.mllp.connections.idle.closed").count()).isEqualTo(1);
  }

  /** Sends a line end, and says whether the listener has closed the connection. */
  private static boolean closedAfterALineEnd(Socket socket) {
    try {
      socket.getOutputStream().write('\r');
      socket.getOutputStream().flush();
      socket.setSoTimeout(300);
      return socket.getInputStream().read() == -1;
    } catch (java.net.SocketTimeoutException open) {
      return false;
    } catch (IOException closed) {
      return true;
    }
  }

  @Test
  void aFrameTrickledByteByByteEndsAtTheFrameTimeoutFromItsStartBlock() throws Exception {
    Duration frameTimeout = TestHl7Service.settings(1, Set.of()).frameTimeout();
    byte[] message = order("NW", "T2", "P1", "T2").getBytes(UTF_8);
    try (Socket sender = new Socket(InetAddress.getLoopbackAddress(), hl7.listener().port())) {
      sender.setSoTimeout(30_000);
      sender.getOutputStream().write(0x0B);
      // each byte comes well within the frame timeout of the one before
      for (int i = 0; i < 40; i++) {
        sender.getOutputStream().write(message[i]);
        sender.getOutputStream().flush();
        clock.skip(frameTimeout.dividedBy(10));
      }
      assertThat(readToEnd(sender.getInputStream())).as("no ACK: the frame never ended").isEmpty();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> letters().size() == 1);
    assertThat(letters().get(0).received().errorCode().name()).isEqualTo("TRUNCATED_FRAME");
    assertThat(letters().get(0).received().reason())
        .startsWith("the frame did not end within 2 s of its start block");
    try (RawMllp next = new RawMllp(hl7.listener().port())) {
      assertThat(RawMllp.code(next.send(order("NW", "T3", "P1", "T3")))).isEqualTo("AA");
    }
  }

  /** Whether the listener closed this connection without a byte, as it does when it is full. */
  private static boolean closedByPeer(RawMllp sender) throws IOException {
    try {
      sender.readAck();
      return false;
    } catch (IOException closed) {
      return true;
    }
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  private List<DeadLetter> letters() {
    return store
        .deadLetters()
        .searchDeadLetters(
            new DeadLetterQuery(null, null, null, null, null, null, null, null, null, 50, null))
        .items();
  }
}
