package org.radflow.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import org.radflow.blob.BlobStore;
import org.radflow.deadletter.DeadLetterStore;
import org.radflow.hl7.AllowedSenders;
import org.radflow.hl7.Hl7DeadLetterChannel;
import org.radflow.hl7.Hl7Service;
import org.radflow.hl7.Hl7Settings;
import org.radflow.hl7.MessageBounds;
import org.radflow.hl7.MllpTransport;
import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyReads;
import org.radflow.orchestration.PatientUpdateLog;
import org.radflow.orchestration.PatientUpdates;
import org.radflow.orchestration.Recovery;
import org.radflow.orchestration.StepStore;
import org.radflow.tracing.Tracing;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the HL7 v2 MLLP listener unless {@code radflow.mllp.enabled=false} ({@code
 * RADFLOW_MLLP_ENABLED}). Settings: {@link MllpProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MllpProperties.class)
@ConditionalOnProperty(name = "radflow.mllp.enabled", havingValue = "true", matchIfMissing = true)
class Hl7Configuration {

  /** Keeps what the listener answers AR, and reprocesses it on an operator's request. */
  @Bean
  Hl7DeadLetterChannel hl7DeadLetterChannel(
      DeadLetterStore store, Clock clock, MeterRegistry meters) {
    return new Hl7DeadLetterChannel(store, clock, meters);
  }

  @Bean(destroyMethod = "close")
  Hl7Service hl7Service(
      MllpProperties properties,
      StudyLifecycle lifecycle,
      StudyReads studies,
      StepStore steps,
      Recovery recovery,
      PatientUpdateLog patientUpdateLog,
      BlobStore blobs,
      Hl7DeadLetterChannel deadLetters,
      MeterRegistry meters,
      Clock clock,
      Tracing tracing)
      throws Exception {
    Hl7Service service =
        new Hl7Service(
            settings(properties),
            lifecycle,
            studies,
            new PatientUpdates(studies, steps, recovery, patientUpdateLog, clock),
            blobs,
            deadLetters,
            meters,
            clock,
            tracing);
    deadLetters.attach(service);
    service.listener().start();
    return service;
  }

  private static AllowedSenders allowedSenders(MllpProperties properties) {
    try {
      return AllowedSenders.parse(properties.allowedSenders());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("RADFLOW_MLLP_ALLOWED_SENDERS: " + e.getMessage(), e);
    }
  }

  private static MllpTransport transport(MllpProperties properties) {
    if (!properties.tls()) {
      return MllpTransport.PLAIN;
    }
    try {
      return MllpTransport.Tls.load(
          Path.of(properties.tlsKeystore()),
          password(properties.tlsKeystorePassword()),
          properties.tlsKeystoreType(),
          MllpTransport.ClientAuth.parse(properties.tlsClientAuth()),
          properties.tlsTruststore() == null || properties.tlsTruststore().isBlank()
              ? null
              : Path.of(properties.tlsTruststore()),
          password(properties.tlsTruststorePassword()),
          properties.tlsTruststoreType());
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "MLLP TLS (RADFLOW_MLLP_TLS_*) could not be set up: " + e.getMessage(), e);
    }
  }

  private static char[] password(String password) {
    return password == null ? new char[0] : password.toCharArray();
  }

  static Hl7Settings settings(MllpProperties properties) {
    InetAddress bind;
    try {
      bind = InetAddress.getByName(properties.bind());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "RADFLOW_MLLP_BIND '" + properties.bind() + "' is not an address of this machine", e);
    }
    return new Hl7Settings(
        bind,
        properties.port(),
        properties.maxConnections(),
        properties.maxMessageBytes(),
        properties.frameTimeout(),
        properties.idleTimeout(),
        properties.charset(),
        properties.accessionAuthority(),
        java.util.Set.copyOf(properties.accessionFields()),
        new MessageBounds(
            properties.maxSegments(),
            properties.maxFields(),
            properties.maxRepetitions(),
            properties.maxComponents(),
            properties.maxFieldLength(),
            properties.maxValues()),
        properties.parseBudgetBytes(),
        allowedSenders(properties),
        transport(properties));
  }
}
