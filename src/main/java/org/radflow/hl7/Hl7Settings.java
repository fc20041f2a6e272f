package org.radflow.hl7;

import java.net.InetAddress;
import java.nio.charset.Charset;
import java.time.Duration;

/**
 * How the MLLP listener runs.
 *
 * @param bindAddress loopback unless exposing radflow on a network is chosen explicitly
 * @param maxConnections connections served at once; more are refused until one closes
 * @param maxMessageBytes a larger frame is answered AR and kept as a dead letter
 * @param frameTimeout how long the rest of a started frame may take before it counts as truncated
 * @param defaultCharset for messages without MSH-18
 * @param accessionAuthority the assigning authority of accession numbers sent without one; when
 *     null, the sending facility (MSH-4)
 */
public record Hl7Settings(
    InetAddress bindAddress,
    int port,
    int maxConnections,
    int maxMessageBytes,
    Duration frameTimeout,
    Charset defaultCharset,
    String accessionAuthority) {

  public Hl7Settings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("MLLP port must be 0-65535, was " + port);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("MLLP max connections must be at least 1");
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("MLLP max message bytes must be at least 1024");
    }
  }

  /** What a frame larger than the limit keeps of itself for the dead letter. */
  public int retainedOversizeBytes() {
    return (int) Math.min(Integer.MAX_VALUE - 16L, 4L * maxMessageBytes);
  }
}
