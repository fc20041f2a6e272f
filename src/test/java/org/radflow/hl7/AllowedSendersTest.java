package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.radflow.hl7.Hl7Messages.order;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;

/** A sender outside RADFLOW_MLLP_ALLOWED_SENDERS is closed at once; one inside is served. */
class AllowedSendersTest {

  @TempDir Path home;
  Stores store;
  Hl7Service hl7;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  void listen(String... allowed) throws Exception {
    store = Stores.open(Databases.sqliteUrl(home), null, null, 2, StoreSettings.defaults());
    hl7 =
        TestHl7Service.start(
            store,
            new FileSystemBlobStore(home.resolve("blobs")),
            TestHl7Service.settings(4, Set.of())
                .withAllowedSenders(AllowedSenders.parse(List.of(allowed))),
            Clock.systemUTC(),
            meters);
  }

  @AfterEach
  void stop() {
    if (hl7 != null) {
      hl7.close();
      store.close();
    }
  }

  @Test
  void aSenderOutsideTheListIsClosedWithoutAByteAndCounted() throws Exception {
    listen("192.0.2.0/24", "2001:db8::/32");
    try (RawMllp outsider = new RawMllp(hl7.listener().port())) {
      outsider.write(RawMllp.framed(order("NW", "A1", "P1", "A1").getBytes()));
      assertThat(closedWithoutAnAck(outsider)).isTrue();
    }
    assertThat(meters.counter("radflow.mllp.connections.refused", "reason", "not_allowed").count())
        .isEqualTo(1);
    assertThat(store.studies().findByBusinessKey(new org.radflow.study.BusinessKey("NORTH", "A1")))
        .isEmpty();
  }

  @Test
  void aSenderInsideTheListIsServed() throws Exception {
    listen("192.0.2.0/24", "127.0.0.0/8");
    try (RawMllp insider = new RawMllp(hl7.listener().port())) {
      assertThat(RawMllp.code(insider.send(order("NW", "A2", "P1", "A2")))).isEqualTo("AA");
    }
    assertThat(meters.find("radflow.mllp.connections.refused").counters()).isEmpty();
  }

  private static boolean closedWithoutAnAck(RawMllp sender) {
    try {
      sender.readAck();
      return false;
    } catch (IOException closed) {
      return true;
    }
  }

  @Test
  void noBlocksAllowsEveryone() throws Exception {
    assertThat(AllowedSenders.ANY.allows(InetAddress.getByName("203.0.113.9"))).isTrue();
    AllowedSenders two = AllowedSenders.parse(java.util.List.of("192.0.2.0/24", "", "::1"));
    assertThat(two.allows(InetAddress.getByName("192.0.2.200"))).isTrue();
    assertThat(two.allows(InetAddress.getByName("::1"))).isTrue();
    assertThat(two.allows(InetAddress.getByName("127.0.0.1"))).isFalse();
  }
}
