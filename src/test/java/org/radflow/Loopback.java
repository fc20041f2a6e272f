package org.radflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Ports on the loopback interface, for servers that tests start in processes of their own. */
public final class Loopback {

  private Loopback() {}

  /**
   * A port nothing listens on now. Another process could take it before the server binds it; the
   * window is short enough for tests.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /**
   * Whether something accepts connections on the port: the first sign that a starting server is up,
   * cheaper than a protocol request that would retry in a loop against a closed port.
   */
  public static boolean acceptsConnections(int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
