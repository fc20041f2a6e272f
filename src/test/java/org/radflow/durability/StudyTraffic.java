package org.radflow.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Studies arriving at an ingest node as its clients send them: a RIS's orders over one MLLP
 * connection (each sent after the last one's ACK), and studies opened through the HTTP API by a few
 * clients at once. Its request bodies and single POSTs and MLLP frames serve the other
 * process-level tests too.
 */
final class StudyTraffic {

  private static final int HTTP_CLIENTS = 3;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final ServerProcess node;
  private final int mllpPort;

  StudyTraffic(ServerProcess node, int mllpPort) {
    this.node = node;
    this.mllpPort = mllpPort;
  }

  /** Sends them all, each acknowledged (HTTP 201, HL7 AA); their accession numbers. */
  List<String> send(int httpStudies, int mllpOrders) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(HTTP_CLIENTS + 1);
    try {
      List<CompletableFuture<String>> sent = new ArrayList<>();
      CompletableFuture<List<String>> orders =
          CompletableFuture.supplyAsync(() -> orders(mllpOrders), clients);
      for (int i = 0; i < httpStudies; i++) {
        String accession = "ACC-3N-H" + i;
        sent.add(CompletableFuture.supplyAsync(() -> open(accession), clients));
      }
      List<String> accessions = new ArrayList<>(orders.join());
      sent.forEach(accession -> accessions.add(accession.join()));
      return accessions;
    } finally {
      clients.shutdown();
    }
  }

  private String open(String accession) {
    try {
      HttpResponse<String> created =
          post(
              node,
              "/api/v1/studies",
              newStudy("THREENODE", accession, "P-" + accession, "three-node-test"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      return accession;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot open study " + accession, e);
    }
  }

  /** A new study as a client opens it through the API. */
  static String newStudy(String authority, String accession, String patientId, String system) {
    return """
        {"assigningAuthority":"%s","accessionNumber":"%s",
         "patient":{"assigningAuthority":"%s","id":"%s"},
         "source":{"system":"%s"},
         "attributes":{"modality":"CT"}}
        """
        .formatted(authority, accession, authority, patientId, system);
  }

  /** A transition of {@code type} as a client sends it, {@code key} its idempotency key. */
  static String transition(String type, String key, String system) {
    return """
        {"type":"%s","idempotencyKey":"%s","businessTime":"2026-03-01T09:00:00Z",
         "source":{"system":"%s","messageRef":"%s"},
         "data":{"step":"%s"}}
        """
        .formatted(type, key, system, key, type);
  }

  /** POSTs a JSON body with the node's own credentials. */
  static HttpResponse<String> post(ServerProcess node, String path, String json)
      throws IOException, InterruptedException {
    return post(node.uri(path), node.authorization(), json);
  }

  /** POSTs a JSON body with the credentials given. */
  static HttpResponse<String> post(URI uri, String authorization, String json)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<String> orders(int count) {
    List<String> accessions = new ArrayList<>();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), mllpPort)) {
      socket.setSoTimeout(20_000);
      for (int i = 0; i < count; i++) {
        String accession = "ACC-3N-M" + i;
        String ack = send(socket, order("3N-" + i, accession, i));
        assertThat(ack).as("ACK of the order for %s", accession).contains("MSA|AA|3N-" + i);
        accessions.add(accession);
      }
      return accessions;
    } catch (IOException e) {
      throw new IllegalStateException("MLLP orders failed after " + accessions.size(), e);
    }
  }

  /**
   * A RIS that sends orders one after another on one connection, each after the last one's ACK,
   * until the node closes the connection: what it was told AA is in {@link #acknowledged}.
   */
  static final class OrderStream implements Runnable {

    private final int mllpPort;
    private final String prefix;
    private final java.util.Queue<String> acknowledged =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile String ending = "still sending";

    OrderStream(int mllpPort, String prefix) {
      this.mllpPort = mllpPort;
      this.prefix = prefix;
    }

    @Override
    public void run() {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), mllpPort)) {
        socket.setSoTimeout(20_000);
        for (int i = 0; ; i++) {
          String accession = prefix + i;
          String ack = send(socket, order(prefix + "-" + i, accession, i % 26));
          if (!ack.contains("MSA|AA|")) {
            ending = "answered other than AA: " + ack;
            return;
          }
          acknowledged.add(accession);
        }
      } catch (IOException e) {
        ending = "connection ended: " + e.getMessage();
      }
    }

    List<String> acknowledged() {
      return List.copyOf(acknowledged);
    }

    String ending() {
      return ending;
    }
  }

  /** An ORM^O01 new order as a RIS sends it, the accession in OBR-18 (after OBR-7's time). */
  private static String order(String controlId, String accession, int i) {
    return String.join(
        "\r",
        "MSH|^~\\&|RIS|HOSP|RADFLOW|HOSP|20261204100000||ORM^O01|" + controlId + "|P|2.5.1",
        // a name as the HI Service accepts it: letters only
        "PID|1||MRN-3N-" + i + "^^^HOSP^MR||NODE^TESS" + (char) ('A' + i) + "||19700101|F",
        "ORC|NW|PL-" + accession + "^RIS|FL-" + accession + "^RIS||SC||||20261204095500",
        "OBR|1|PL-"
            + accession
            + "^RIS|FL-"
            + accession
            + "^RIS|CTHEAD^CT Head|||20261204095500|||||||||||"
            + accession,
        "");
  }

  /** One frame out on a connection of its own, its ACK back. */
  static String sendOne(int mllpPort, String message) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), mllpPort)) {
      socket.setSoTimeout(20_000);
      return send(socket, message);
    }
  }

  /** One frame out on the open connection, its ACK back. */
  private static String send(Socket socket, String message) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(0x0b);
    out.write(message.getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {0x1c, 0x0d});
    out.flush();
    InputStream in = socket.getInputStream();
    int start = in.read();
    if (start != 0x0b) {
      throw new IOException("no ACK frame, read " + start);
    }
    ByteArrayOutputStream ack = new ByteArrayOutputStream();
    for (int b = in.read(); b != 0x1c; b = in.read()) {
      if (b == -1) {
        throw new IOException("connection closed inside an ACK");
      }
      ack.write(b);
    }
    in.read(); // the frame's closing CR
    return ack.toString(StandardCharsets.UTF_8);
  }
}
