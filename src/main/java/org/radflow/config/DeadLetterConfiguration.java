package org.radflow.config;

import java.time.Clock;
import org.radflow.blob.BlobStore;
import org.radflow.deadletter.DeadLetterReprocessor;
import org.radflow.deadletter.DeadLetterStore;
import org.radflow.deadletter.DeadLetters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operator's actions on dead letters. Each inbound channel contributes its {@link
 * DeadLetterReprocessor} bean (HL7 does; the dead letters of a channel without one can be read and
 * discarded, and reprocessing says the channel has no reprocessor on this node). Raw messages are
 * read from the node's {@link BlobStore}.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

  @Bean
  DeadLetters deadLetters(
      DeadLetterStore store,
      BlobStore blobs,
      ObjectProvider<DeadLetterReprocessor> reprocessors,
      Clock clock) {
    return new DeadLetters(
        store, blobs, reprocessors.orderedStream().toList(), clock, DeadLetters.DEFAULT_LEASE);
  }
}
