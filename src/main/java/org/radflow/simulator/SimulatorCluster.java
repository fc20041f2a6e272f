package org.radflow.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.radflow.workflow.Service;

/**
 * All six simulators plus the control API, started and stopped together.
 *
 * <pre>{@code
 * try (SimulatorCluster cluster = SimulatorCluster.start(InetAddress.getLoopbackAddress())) {
 *   Ports ports = HttpPorts.connect(cluster.baseUrls());
 *   cluster.fault(Service.BILLING, Fault.error(500).times(2));
 *   cluster.identity().unknownPatient("P-404");
 *   assertThat(cluster.simulator(Service.NATIONAL_RECORD).state().resources("document")).hasSize(1);
 * }
 * }</pre>
 */
public final class SimulatorCluster implements AutoCloseable {

  private final Map<Service, Simulator> simulators = new EnumMap<>(Service.class);
  private final SimulatedIdentity identity = new SimulatedIdentity();
  private final SimulatedArchive archive = new SimulatedArchive();
  private final SimulatedBilling billing = new SimulatedBilling();
  private ControlServer control;

  private SimulatorCluster() {}

  /** Every simulator and the control API on free ports of {@code loopback}. */
  public static SimulatorCluster start(InetAddress loopback) {
    return start(loopback, 0, 0);
  }

  /**
   * Simulators on {@code basePort}, {@code basePort + 1}, … in {@link Service} order (0: free
   * ports), and the control API on {@code controlPort} (0: a free port).
   */
  public static SimulatorCluster start(InetAddress host, int basePort, int controlPort) {
    SimulatorCluster cluster = new SimulatorCluster();
    try {
      Map<Service, Supplier<SimulatedSystem>> systems = cluster.systems();
      for (Service service : Service.values()) {
        int port = basePort == 0 ? 0 : basePort + service.ordinal();
        cluster.simulators.put(
            service,
            Simulator.start(systems.get(service).get(), new InetSocketAddress(host, port)));
      }
      cluster.control = ControlServer.start(cluster, new InetSocketAddress(host, controlPort));
      return cluster;
    } catch (IOException e) {
      cluster.close();
      throw new UncheckedIOException("cannot start the simulators on " + host, e);
    }
  }

  public Map<Service, URI> baseUrls() {
    Map<Service, URI> urls = new EnumMap<>(Service.class);
    simulators.forEach((service, simulator) -> urls.put(service, simulator.baseUrl()));
    return Collections.unmodifiableMap(urls);
  }

  public URI controlUrl() {
    return control.url();
  }

  public Simulator simulator(Service service) {
    return simulators.get(service);
  }

  public void fault(Service service, Fault fault) {
    simulator(service).fault(fault);
  }

  /** Behaviour switches of the HI Service: the patients it holds and those it finds no IHI for. */
  public SimulatedIdentity identity() {
    return identity;
  }

  /** Behaviour switches of the archive: which accessions are not committed yet. */
  public SimulatedArchive archive() {
    return archive;
  }

  /** Behaviour switches of billing: the payer's verdict on claims. */
  public SimulatedBilling billing() {
    return billing;
  }

  @Override
  public void close() {
    if (control != null) {
      control.close();
    }
    simulators.values().forEach(Simulator::close);
  }

  private Map<Service, Supplier<SimulatedSystem>> systems() {
    Map<Service, Supplier<SimulatedSystem>> systems = new EnumMap<>(Service.class);
    systems.put(Service.IDENTITY, () -> identity);
    systems.put(Service.SCHEDULING, SimulatedScheduling::new);
    systems.put(Service.WORKLIST, SimulatedWorklist::new);
    systems.put(Service.IMAGE_ARCHIVE, () -> archive);
    // My Health Record checks an upload's IHI with the HI Service again, as the real one does
    systems.put(
        Service.NATIONAL_RECORD, () -> new SimulatedNationalRecord(identity::refusalForUpload));
    systems.put(Service.BILLING, () -> billing);
    return systems;
  }
}
