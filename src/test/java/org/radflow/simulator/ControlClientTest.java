package org.radflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.radflow.workflow.Service;

/** The control API's client, over real HTTP, against a cluster in this JVM. */
class ControlClientTest {

  private final SimulatorCluster cluster = SimulatorCluster.start(InetAddress.getLoopbackAddress());
  private final ControlClient control = new ControlClient(cluster.controlUrl());

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void finds_every_service_and_sets_a_fault_over_http() {
    assertThat(control.healthy()).isTrue();
    assertThat(control.services()).isEqualTo(cluster.baseUrls());

    control.fault(Service.NATIONAL_RECORD, Fault.error(503).times(2));

    assertThat(cluster.simulator(Service.NATIONAL_RECORD).fault())
        .isEqualTo(Fault.error(503).times(2));
  }

  @Test
  void is_not_healthy_where_nothing_listens() {
    URI gone = cluster.controlUrl();
    cluster.close();

    assertThat(new ControlClient(gone).healthy()).isFalse();
    assertThatThrownBy(() -> new ControlClient(gone).fault(Service.BILLING, Fault.none()))
        .hasMessageContaining("did not answer");
  }
}
