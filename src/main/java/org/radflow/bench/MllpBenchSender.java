package org.radflow.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One sending system on one MLLP connection: writes a pre-framed message, waits for its ACK, and
 * checks MSA-1 by looking at bytes, not by parsing HL7, so the sender costs little CPU.
 */
final class MllpBenchSender implements AutoCloseable {

  private static final int MAX_ACK_BYTES = 64 * 1024;
  private static final byte[] MSA = "\rMSA|".getBytes(StandardCharsets.US_ASCII);

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final ByteArrayOutputStream ack = new ByteArrayOutputStream(512);
  long failures;
  String firstFailure;

  MllpBenchSender(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(60_000); // an ACK slower than this is a hung listener, not a slow one
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
  }

  /** Sends every frame in order, each after the previous ACK; records each round trip. */
  void send(List<byte[]> frames, TransitionsBench.LatencyRecorder latencies) throws IOException {
    for (byte[] frame : frames) {
      long start = System.nanoTime();
      out.write(frame);
      out.flush();
      readAck();
      if (latencies != null) {
        latencies.record(System.nanoTime() - start);
      }
      if (!accepted()) {
        failures++;
        if (firstFailure == null) {
          firstFailure = ack.toString(StandardCharsets.UTF_8).replace('\r', '\n');
        }
      }
    }
  }

  private void readAck() throws IOException {
    ack.reset();
    int b;
    do {
      b = in.read();
      if (b < 0) {
        throw new IOException("the listener closed the connection instead of answering");
      }
    } while (b != 0x0b);
    int previous = -1;
    while (ack.size() <= MAX_ACK_BYTES) {
      b = in.read();
      if (b < 0) {
        throw new IOException("the listener closed the connection in the middle of an ACK");
      }
      if (previous == 0x1c && b == 0x0d) {
        return;
      }
      if (previous >= 0) {
        ack.write(previous);
      }
      previous = b;
    }
    throw new IOException("an ACK over " + MAX_ACK_BYTES + " bytes");
  }

  /** MSA-1 is AA: the bytes after the first "\rMSA|". */
  private boolean accepted() {
    byte[] bytes = ack.toByteArray();
    outer:
    for (int i = 0; i + MSA.length + 2 <= bytes.length; i++) {
      for (int j = 0; j < MSA.length; j++) {
        if (bytes[i + j] != MSA[j]) {
          continue outer;
        }
      }
      return bytes[i + MSA.length] == 'A' && bytes[i + MSA.length + 1] == 'A';
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
