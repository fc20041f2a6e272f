package org.radflow.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A sender that writes bytes as they are, framed or not: for what HAPI's client cannot send. */
public final class RawMllp implements AutoCloseable {

  private final Socket socket;

  public RawMllp(int port) throws IOException {
    this(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  /** Over a connected socket of the test's making (a TLS one, say). */
  public RawMllp(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(30_000);
  }

  public static byte[] framed(byte[] message) {
    byte[] frame = new byte[message.length + 3];
    frame[0] = 0x0B;
    System.arraycopy(message, 0, frame, 1, message.length);
    frame[message.length + 1] = 0x1C;
    frame[message.length + 2] = 0x0D;
    return frame;
  }

  public void write(byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** Sends one framed message and returns the ACK it got. */
  public String send(String message) throws IOException {
    write(framed(message.getBytes(StandardCharsets.UTF_8)));
    return readAck();
  }

  public String readAck() throws IOException {
    InputStream in = socket.getInputStream();
    int b;
    while ((b = in.read()) != 0x0B) {
      if (b < 0) {
        throw new IOException("connection closed before an ACK");
      }
    }
    ByteArrayOutputStream ack = new ByteArrayOutputStream();
    while ((b = in.read()) != 0x1C) {
      if (b < 0) {
        throw new IOException("connection closed inside an ACK");
      }
      ack.write(b);
    }
    in.read(); // the CR after the end block
    return ack.toString(StandardCharsets.UTF_8);
  }

  /** MSA-1 of an ACK. */
  public static String code(String ack) {
    for (String segment : ack.split("\r")) {
      if (segment.startsWith("MSA")) {
        return segment.split("\\|")[1];
      }
    }
    return "";
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
