package org.radflow.config;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HL7 v2 MLLP listener's settings ({@code RADFLOW_MLLP_*}).
 *
 * @param enabled default true
 * @param bind default 127.0.0.1: exposing radflow on a network is an explicit setting
 * @param port default 2575
 * @param maxConnections served at once (default 64)
 * @param maxMessageBytes a larger message is answered AR and kept (default 1 MiB)
 * @param frameTimeout how long the rest of a started frame may take (default 30 s)
 * @param charset for messages without MSH-18 (default UTF-8)
 * @param accessionAuthority for accession numbers sent without one; default the sending facility
 * @param accessionFields order-number fields this site's senders fill with the accession instead
 *     (FT1-23, SCH-26, SCH-27); default none, as the standard has it
 */
@ConfigurationProperties("radflow.mllp")
public record MllpProperties(
    Boolean enabled,
    String bind,
    Integer port,
    Integer maxConnections,
    Integer maxMessageBytes,
    Duration frameTimeout,
    Charset charset,
    String accessionAuthority,
    List<String> accessionFields) {

  public MllpProperties {
    enabled = enabled == null || enabled;
    bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
    port = port == null ? 2575 : port;
    maxConnections = maxConnections == null ? 64 : maxConnections;
    maxMessageBytes = maxMessageBytes == null ? 1024 * 1024 : maxMessageBytes;
    frameTimeout = frameTimeout == null ? Duration.ofSeconds(30) : frameTimeout;
    charset = charset == null ? StandardCharsets.UTF_8 : charset;
    accessionFields =
        accessionFields == null
            ? List.of()
            : accessionFields.stream().map(String::trim).filter(f -> !f.isEmpty()).toList();
  }
}
