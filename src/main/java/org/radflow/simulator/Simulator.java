package org.radflow.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.radflow.workflow.Service;

/**
 * One simulated external system listening on its own loopback port. {@code DOWN} really closes the
 * listening socket, so clients see "connection refused"; any other fault reopens it on the same
 * port. The worker pool outlives those restarts and is large enough that requests held by {@code
 * SLOW} or {@code TIMEOUT} leave threads for the rest.
 */
public final class Simulator implements AutoCloseable {

  static final int WORKER_THREADS = 16;

  private final SimulatedSystem system;
  private final FaultSwitch faults = new FaultSwitch();
  private final ServiceHandler handler;
  private final ExecutorService workers;
  private final InetSocketAddress address;
  private HttpServer server; // null while DOWN; guarded by this

  private Simulator(SimulatedSystem system, InetSocketAddress requested) throws IOException {
    this.system = system;
    this.handler = new ServiceHandler(system, faults);
    this.workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads(system.service()));
    try {
      this.server = listen(requested);
    } catch (IOException e) {
      workers.shutdownNow();
      throw e;
    }
    this.address = server.getAddress();
  }

  /** Starts {@code system} on {@code address}; port 0 picks a free port. */
  static Simulator start(SimulatedSystem system, InetSocketAddress address) throws IOException {
    return new Simulator(system, address);
  }

  public Service service() {
    return system.service();
  }

  public URI baseUrl() {
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  public Fault fault() {
    return faults.current();
  }

  /** Replaces the fault in force; {@code DOWN} closes the port, anything else (re)opens it. */
  public synchronized void fault(Fault fault) {
    faults.set(fault);
    if (fault.mode() == Fault.Mode.DOWN && server != null) {
      server.stop(0);
      server = null;
    } else if (fault.mode() != Fault.Mode.DOWN && server == null) {
      try {
        server = listen(address);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot reopen " + baseUrl() + " for " + service().slug(), e);
      }
    }
  }

  /** What the system holds now, and how it was called. */
  public SimulatorState state() {
    return system.ledger.snapshot(service());
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    workers.shutdownNow(); // interrupts requests held by SLOW or TIMEOUT
  }

  private HttpServer listen(InetSocketAddress at) throws IOException {
    HttpServer listening = HttpServers.create(at, 64);
    listening.createContext("/", handler);
    listening.setExecutor(workers);
    listening.start();
    return listening;
  }

  private static ThreadFactory daemonThreads(Service service) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "sim-" + service.slug() + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
