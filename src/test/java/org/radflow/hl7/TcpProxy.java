package org.radflow.hl7;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP proxy a test can cut, so a database outage is a real one: connections reset in the
 * middle of a query or a commit, new ones closed before their first byte. Two threads pump each
 * connection, at most {@code maxConnections} connections at once (one more is closed at once).
 */
final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final ThreadPoolExecutor pumps;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private boolean up = true;
  private volatile boolean closed;

  TcpProxy(String targetHost, int targetPort, int maxConnections) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.pumps =
        new ThreadPoolExecutor(
            0,
            2 * maxConnections,
            1,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "tcp-proxy-pump");
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** The outage: every open connection is cut, and new ones are closed until {@link #restore}. */
  synchronized void cut() {
    up = false;
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  synchronized void restore() {
    up = true;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        continue; // closed by close(), or one failed accept: the loop condition decides
      }
      connect(client);
    }
  }

  /** Under the lock, so a connection being set up cannot slip past a concurrent cut. */
  private synchronized void connect(Socket client) {
    if (!up || closed) {
      closeQuietly(client);
      return;
    }
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 2_000);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      open.add(client);
      open.add(upstream);
      pumps.execute(() -> pump(client, upstream));
      pumps.execute(() -> pump(upstream, client));
    } catch (IOException | RejectedExecutionException e) {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  /** Copies one direction; when either side ends, both are closed so the other pump ends too. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ended) {
      // a cut, or the peer closed: either way this connection is over
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    closeQuietly(server);
    cut();
    pumps.shutdownNow();
    pumps.awaitTermination(5, TimeUnit.SECONDS);
    acceptor.join(5_000);
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing is best effort: the socket is being abandoned
    }
  }
}
