package org.radflow.config;

import java.time.Clock;
import org.radflow.blob.BlobException;
import org.radflow.blob.BlobRef;
import org.radflow.blob.BlobStore;
import org.radflow.deadletter.DeadLetterReprocessor;
import org.radflow.deadletter.DeadLetters;
import org.radflow.store.Store;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operator's actions on dead letters. Each inbound channel contributes its {@link
 * DeadLetterReprocessor} bean (none yet: the dead letters of a channel without one can be read and
 * discarded, and reprocessing says the channel has no reprocessor on this node). Without a {@link
 * BlobStore} bean, raw messages cannot be read and reprocessing says so.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

  @Bean
  DeadLetters deadLetters(
      Store store,
      ObjectProvider<BlobStore> blobs,
      ObjectProvider<DeadLetterReprocessor> reprocessors,
      Clock clock) {
    return new DeadLetters(
        store,
        blobs.getIfAvailable(NoBlobStore::new),
        reprocessors.orderedStream().toList(),
        clock,
        DeadLetters.DEFAULT_LEASE);
  }

  /** The null object for a node without a blob store: every read fails, saying why. */
  private static final class NoBlobStore implements BlobStore {

    @Override
    public BlobRef put(byte[] content) {
      throw unavailable();
    }

    @Override
    public byte[] get(String sha256) {
      throw unavailable();
    }

    @Override
    public boolean exists(String sha256) {
      throw unavailable();
    }

    private static BlobException unavailable() {
      return new BlobException.Unavailable("no blob store is configured on this node", null);
    }
  }
}
