package org.radflow.hl7;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.radflow.logging.LoggedFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MLLP server: one thread accepts, one thread serves each connection (a sender waits for each
 * ACK before it sends the next message, so a connection is sequential by protocol). At most {@code
 * maxConnections} are served; one more is closed at once, logged and counted, never left hanging. A
 * connection silent between messages for the idle timeout is closed, so that senders that went away
 * without closing do not keep every slot.
 */
public final class MllpListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MllpListener.class);
  private static final int POLL_MILLIS = 250;

  private final Hl7Settings settings;
  private final Hl7Receiver receiver;
  private final Hl7Parsing parsing;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger served = new AtomicInteger();
  private final Semaphore slots;
  private volatile boolean running;
  private ServerSocket server;
  private ExecutorService connections;
  private Thread acceptor;

  MllpListener(
      Hl7Settings settings,
      Hl7Receiver receiver,
      Hl7Parsing parsing,
      MeterRegistry meters,
      Clock clock) {
    this.settings = settings;
    this.receiver = receiver;
    this.parsing = parsing;
    this.meters = meters;
    this.clock = clock;
    this.slots = new Semaphore(settings.maxConnections());
  }

  public synchronized void start() throws IOException {
    if (running) {
      return;
    }
    server = settings.transport().serverSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), 128);
    connections =
        // the slots bound the connections; a thread still finishing its last one is not a slot
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "mllp-" + served.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    running = true;
    acceptor = new Thread(this::acceptLoop, "mllp-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    log.info("MLLP listening on {}:{}", settings.bindAddress().getHostAddress(), port());
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    return server == null ? settings.port() : server.getLocalPort();
  }

  /** Connections being served now. */
  int openConnections() {
    return open.size();
  }

  public boolean isRunning() {
    return running;
  }

  private void acceptLoop() {
    while (running) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (running) {
          log.warn("MLLP accept failed: {}", e.getMessage());
        }
        continue;
      }
      if (!settings.allowedSenders().allows(socket.getInetAddress())) {
        refused("not_allowed");
        log.warn(
            "MLLP connection from {} refused: not in RADFLOW_MLLP_ALLOWED_SENDERS",
            socket.getInetAddress().getHostAddress());
        closeQuietly(socket);
        continue;
      }
      if (!slots.tryAcquire()) {
        refused("over_capacity");
        log.warn(
            "MLLP connection from {} refused: {} connections already open"
                + " (RADFLOW_MLLP_MAX_CONNECTIONS)",
            socket.getInetAddress().getHostAddress(),
            settings.maxConnections());
        closeQuietly(socket);
        continue;
      }
      try {
        connections.execute(() -> serve(socket));
      } catch (RejectedExecutionException stopping) {
        slots.release();
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    open.add(socket);
    String peer = String.valueOf(socket.getRemoteSocketAddress());
    var parser = parsing.parser();
    try {
      socket.setTcpNoDelay(true);
      // a sender that vanished without closing frees its slot once TCP notices
      socket.setKeepAlive(true);
      socket.setSoTimeout(POLL_MILLIS);
      try {
        settings.transport().handshake(socket, settings.frameTimeout());
      } catch (IOException failed) {
        refused("tls_handshake");
        log.warn(
            "MLLP connection from {} refused: TLS handshake failed ({})",
            socket.getInetAddress().getHostAddress(),
            failed.getMessage());
        return;
      }
      MllpFrameReader reader =
          new MllpFrameReader(
              socket.getInputStream(),
              settings.maxMessageBytes(),
              settings.retainedOversizeBytes(),
              settings.frameTimeout(),
              settings.idleTimeout(),
              clock);
      OutputStream out = socket.getOutputStream();
      while (running) {
        MllpFrame frame = reader.next(() -> running);
        if (frame instanceof MllpFrame.Closed) {
          return;
        }
        if (frame instanceof MllpFrame.Idle idle) {
          meters.counter("radflow.mllp.connections.idle.closed").increment();
          log.info(
              "MLLP connection {} closed: silent for {} s between messages"
                  + " (RADFLOW_MLLP_IDLE_TIMEOUT)",
              peer,
              idle.silent().toSeconds());
          return;
        }
        if (frame instanceof MllpFrame.Complete complete) {
          write(out, receiver.receive(parser, complete.message(), peer).ack());
        } else if (frame instanceof MllpFrame.Oversized oversized) {
          String reason =
              "the message is "
                  + oversized.size()
                  + " bytes, over the limit of "
                  + settings.maxMessageBytes()
                  + " (RADFLOW_MLLP_MAX_MESSAGE_BYTES); split it or raise the limit"
                  + (oversized.size() > oversized.retained().length
                      ? "; the first " + oversized.retained().length + " bytes are kept"
                      : "");
          write(
              out,
              receiver
                  .refuseFrame(oversized.retained(), Hl7Rejection.OVERSIZED, reason, peer)
                  .ack());
        } else {
          MllpFrame.Broken broken = (MllpFrame.Broken) frame;
          receiver.keepTruncated(broken.bytes(), broken.reason(), peer);
          if (broken.fatal()) {
            return;
          }
        }
      }
    } catch (SocketException closed) {
      if (running) {
        log.debug("MLLP connection {} closed: {}", peer, closed.getMessage());
      }
    } catch (IOException e) {
      log.warn("MLLP connection {} ended: {}", peer, e.toString());
    } catch (RuntimeException e) {
      // not the socket's fault: its message may quote the frame it was reading
      log.warn("MLLP connection {} ended: {}", peer, LoggedFault.describe(e));
    } finally {
      open.remove(socket);
      // the slot is free before the sender sees the close, so that it may connect again at once
      slots.release();
      closeQuietly(socket);
    }
  }

  /** Counts a connection closed before it was served, by why. */
  private void refused(String reason) {
    meters.counter("radflow.mllp.connections.refused", "reason", reason).increment();
  }

  private static void write(OutputStream out, byte[] ack) throws IOException {
    byte[] frame = new byte[ack.length + 3];
    frame[0] = MllpFrameReader.START;
    System.arraycopy(ack, 0, frame, 1, ack.length);
    frame[ack.length + 1] = MllpFrameReader.END;
    frame[ack.length + 2] = MllpFrameReader.CR;
    out.write(frame);
    out.flush();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  /**
   * Stops accepting and ends every connection: a message already received is processed and answered
   * (its ACK follows its commit), a frame still arriving is cut off unanswered (the sender sends it
   * again, to another node), and an idle connection closes within one poll. Connections still busy
   * after {@code bound} are closed unanswered.
   */
  public synchronized void close(Duration bound) {
    if (!running) {
      return;
    }
    running = false;
    closeQuietly(server);
    // a connection in the middle of a message finishes it (the ACK follows its commit); idle ones
    // notice within one poll
    connections.shutdown();
    try {
      if (!connections.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        open.forEach(MllpListener::closeQuietly);
        connections.shutdownNow();
      }
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("MLLP listener stopped");
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing is best effort when stopping
    }
  }
}
