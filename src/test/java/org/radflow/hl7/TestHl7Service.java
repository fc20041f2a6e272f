package org.radflow.hl7;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.radflow.blob.BlobStore;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.orchestration.PatientUpdates;

/**
 * The HL7 listener assembled as {@code serve} assembles it, over a test's stores, on a free port.
 */
final class TestHl7Service {

  private TestHl7Service() {}

  /** Loopback, a free port, 64 KiB frames, 2 s frame timeout, UTF-8 by default. */
  static Hl7Settings settings(int maxConnections, Set<String> accessionFields) {
    return new Hl7Settings(
        InetAddress.getLoopbackAddress(),
        0,
        maxConnections,
        64 * 1024,
        Duration.ofSeconds(2),
        StandardCharsets.UTF_8,
        null,
        accessionFields);
  }

  /** Starts a listener with {@code settings} over {@code store}, keeping raw messages in blobs. */
  static Hl7Service start(Stores store, BlobStore blobs, Hl7Settings settings) throws Exception {
    return start(store, blobs, settings, Clock.systemUTC(), new SimpleMeterRegistry());
  }

  /** As above, with the listener's clock and meters the test's own. */
  static Hl7Service start(
      Stores store, BlobStore blobs, Hl7Settings settings, Clock clock, MeterRegistry meters)
      throws Exception {
    Hl7Service hl7 =
        new Hl7Service(
            settings,
            new StudyLifecycle(store.studies(), Clock.systemUTC()),
            store.studies(),
            new PatientUpdates(
                store.studies(),
                store.steps(),
                store.recovery(),
                store.patientUpdates(),
                Clock.systemUTC()),
            blobs,
            new Hl7DeadLetterChannel(store.deadLetters(), Clock.systemUTC(), meters),
            meters,
            clock);
    hl7.listener().start();
    return hl7;
  }

  /** A listener over its own fresh SQLite stores; closing it closes both. */
  record Running(Stores stores, Hl7Service hl7) implements AutoCloseable {

    int port() {
      return hl7.listener().port();
    }

    @Override
    public void close() {
      hl7.close();
      stores.close();
    }
  }

  /** Fresh stores in {@code home} (blobs under {@code home/blobs}) and a listener over them. */
  static Running onFreshStores(Path home, Hl7Settings settings) throws Exception {
    return onFreshStores(home, settings, Clock.systemUTC(), new SimpleMeterRegistry());
  }

  /** As above, with the listener's clock and meters the test's own. */
  static Running onFreshStores(Path home, Hl7Settings settings, Clock clock, MeterRegistry meters)
      throws Exception {
    Stores stores = Stores.open(Databases.sqliteUrl(home), null, null, 2, StoreSettings.defaults());
    try {
      return new Running(
          stores,
          start(stores, new FileSystemBlobStore(home.resolve("blobs")), settings, clock, meters));
    } catch (Exception e) {
      stores.close();
      throw e;
    }
  }
}
