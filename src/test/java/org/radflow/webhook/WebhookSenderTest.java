package org.radflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.radflow.study.StudyId;

/**
 * One attempt against a hand-written HTTP server on a free loopback port, for what a well-behaved
 * receiver never does: answer a byte at a time, or redirect.
 */
class WebhookSenderTest {

  static final Duration TIMEOUT = Duration.ofMillis(300);

  private ServerSocket server;
  private WebhookSender sender;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> headerLines = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void open() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    sender =
        new WebhookSender(
            new WebhookTargets(
                new TargetPolicy(true, List.of()), host -> List.of(InetAddress.getByName(host))),
            TIMEOUT,
            2);
  }

  @AfterEach
  void close() throws IOException {
    sender.close();
    server.close();
  }

  @Test
  void aReceiverTricklingItsAnswerIsCutOffAtTheTimeoutForTheWholeRequest() {
    // 50 bytes 100 ms apart: each wait is short, the whole answer would take 5 s
    serve("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Slow: ", 50, "\r\n\r\n");

    WebhookSender.Outcome outcome = sender.send(delivery(), "s3cret-s3cret-s3cret", Instant.now());

    assertThat(outcome).isInstanceOf(WebhookSender.Outcome.Failed.class);
    assertThat(((WebhookSender.Outcome.Failed) outcome).error())
        .startsWith("no answer within " + TIMEOUT);
  }

  @Test
  void aRedirectIsAnAnswerNeverFollowed() {
    serve(
        "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:"
            + server.getLocalPort()
            + "/elsewhere\r\nContent-Length: 0\r\n\r\n",
        0,
        "");

    WebhookSender.Outcome outcome = sender.send(delivery(), "s3cret-s3cret-s3cret", Instant.now());

    assertThat(outcome).isEqualTo(new WebhookSender.Outcome.Answered(302));
    assertThat(requests.get()).isOne();
  }

  @Test
  void aDeliveryCarriesTheTraceparentOfThePublicationThatQueuedIt() {
    serve("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", 0, "");
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    DueDelivery d = delivery();
    DueDelivery traced =
        new DueDelivery(
            d.id(),
            d.subscriptionId(),
            d.url(),
            d.secret(),
            d.eventId(),
            d.studyId(),
            d.studySeq(),
            d.eventType(),
            d.payload(),
            d.replay(),
            d.attempt(),
            traceparent);

    assertThat(sender.send(traced, "s3cret-s3cret-s3cret", Instant.now()))
        .isEqualTo(new WebhookSender.Outcome.Answered(204));
    assertThat(headerLines).contains("traceparent: " + traceparent);
  }

  @Test
  void aDeliveryOutsideATraceSendsNoTraceparent() {
    serve("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", 0, "");

    assertThat(sender.send(delivery(), "s3cret-s3cret-s3cret", Instant.now()))
        .isEqualTo(new WebhookSender.Outcome.Answered(204));
    assertThat(headerLines)
        .isNotEmpty()
        .noneMatch(line -> line.toLowerCase().startsWith("traceparent"));
  }

  /**
   * Serves connections: reads a request's head, writes {@code head}, then slow bytes, then tail.
   */
  private void serve(String head, int slowBytes, String tail) {
    CompletableFuture.runAsync(
        () -> {
          for (int connection = 0; connection < 3; connection++) {
            try (Socket socket = server.accept()) {
              BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
              for (String line = in.readLine(); line != null && !line.isEmpty(); ) {
                headerLines.add(line);
                line = in.readLine();
              }
              requests.incrementAndGet();
              OutputStream out = socket.getOutputStream();
              out.write(head.getBytes(StandardCharsets.US_ASCII));
              out.flush();
              for (int i = 0; i < slowBytes; i++) {
                Thread.sleep(100);
                out.write('a');
                out.flush();
              }
              out.write(tail.getBytes(StandardCharsets.US_ASCII));
              out.flush();
            } catch (IOException | InterruptedException gone) {
              return; // the sender hung up, or the test is over
            }
          }
        });
  }

  private DueDelivery delivery() {
    return new DueDelivery(
        1,
        UUID.randomUUID(),
        "http://127.0.0.1:" + server.getLocalPort() + "/hook",
        new StoredSecret("unused here", false),
        UUID.randomUUID(),
        StudyId.random(),
        1,
        "study.created",
        "{}",
        false,
        1);
  }
}
