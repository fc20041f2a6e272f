package org.radflow.config;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.radflow.hl7.Hl7Settings;
import org.radflow.hl7.MessageBounds;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HL7 v2 MLLP listener's settings ({@code RADFLOW_MLLP_*}).
 *
 * @param enabled default true
 * @param bind default 127.0.0.1: exposing radflow on a network is an explicit setting
 * @param port default 2575
 * @param maxConnections served at once (default 64)
 * @param maxMessageBytes a larger message is answered AR and kept (default 1 MiB)
 * @param frameTimeout how long a frame may take from its start block (default 30 s)
 * @param idleTimeout how long a connection may be silent between messages (default 5 min)
 * @param charset for messages without MSH-18 (default UTF-8)
 * @param accessionAuthority for accession numbers sent without one; default the sending facility
 * @param accessionFields order-number fields this site's senders fill with the accession instead
 *     (FT1-23, SCH-26, SCH-27); default none, as the standard has it
 * @param maxSegments segments in one message (default 1000)
 * @param maxFields fields in one segment (default 256)
 * @param maxRepetitions repetitions of one field (default 100; report text as often as segments)
 * @param maxComponents components in one repetition, subcomponents in one component (default 100)
 * @param maxFieldLength characters in one field other than report text (default 65536)
 * @param maxValues non-empty fields and repetitions in one message (default 20000)
 * @param parseBudgetBytes heap that messages being parsed at once may take, as estimated from their
 *     size and shape (default 256 MiB)
 */
@ConfigurationProperties("radflow.mllp")
public record MllpProperties(
    Boolean enabled,
    String bind,
    Integer port,
    Integer maxConnections,
    Integer maxMessageBytes,
    Duration frameTimeout,
    Duration idleTimeout,
    Charset charset,
    String accessionAuthority,
    List<String> accessionFields,
    Integer maxSegments,
    Integer maxFields,
    Integer maxRepetitions,
    Integer maxComponents,
    Integer maxFieldLength,
    Integer maxValues,
    Long parseBudgetBytes,
    List<String> allowedSenders,
    String tlsKeystore,
    String tlsKeystorePassword,
    String tlsKeystoreType,
    String tlsClientAuth,
    String tlsTruststore,
    String tlsTruststorePassword,
    String tlsTruststoreType) {

  public MllpProperties {
    enabled = enabled == null || enabled;
    bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
    port = port == null ? 2575 : port;
    maxConnections = maxConnections == null ? 64 : maxConnections;
    maxMessageBytes = maxMessageBytes == null ? 1024 * 1024 : maxMessageBytes;
    frameTimeout = frameTimeout == null ? Duration.ofSeconds(30) : frameTimeout;
    idleTimeout = idleTimeout == null ? Hl7Settings.DEFAULT_IDLE_TIMEOUT : idleTimeout;
    charset = charset == null ? StandardCharsets.UTF_8 : charset;
    MessageBounds bounds = MessageBounds.DEFAULT;
    maxSegments = maxSegments == null ? bounds.segments() : maxSegments;
    maxFields = maxFields == null ? bounds.fields() : maxFields;
    maxRepetitions = maxRepetitions == null ? bounds.repetitions() : maxRepetitions;
    maxComponents = maxComponents == null ? bounds.components() : maxComponents;
    maxFieldLength = maxFieldLength == null ? bounds.fieldLength() : maxFieldLength;
    maxValues = maxValues == null ? bounds.values() : maxValues;
    parseBudgetBytes =
        parseBudgetBytes == null ? Hl7Settings.DEFAULT_PARSE_BUDGET_BYTES : parseBudgetBytes;
    tlsKeystoreType = blank(tlsKeystoreType) ? "PKCS12" : tlsKeystoreType;
    tlsTruststoreType = blank(tlsTruststoreType) ? "PKCS12" : tlsTruststoreType;
    tlsClientAuth = blank(tlsClientAuth) ? "none" : tlsClientAuth;
    allowedSenders = allowedSenders == null ? List.of() : List.copyOf(allowedSenders);
    accessionFields =
        accessionFields == null
            ? List.of()
            : accessionFields.stream().map(String::trim).filter(f -> !f.isEmpty()).toList();
  }

  /** Whether MLLP runs over TLS. */
  public boolean tls() {
    return !blank(tlsKeystore);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
