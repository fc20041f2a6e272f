package org.radflow.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Creates the simulators' HTTP servers with Nagle's algorithm off on their connections. */
final class HttpServers {

  static {
    // The JDK server writes a response's headers and body separately; with Nagle on, the body
    // waits for the client's delayed ACK of the headers — about 40 ms a call on loopback. The
    // property is read once, when the first server is created in this JVM.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private HttpServers() {}

  static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
    return HttpServer.create(address, backlog);
  }
}
