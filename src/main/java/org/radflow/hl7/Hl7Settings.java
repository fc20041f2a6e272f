package org.radflow.hl7;

import java.net.InetAddress;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Set;

/**
 * How the MLLP listener runs.
 *
 * @param bindAddress loopback unless exposing radflow on a network is chosen explicitly
 * @param maxConnections connections served at once; more are refused until one closes
 * @param maxMessageBytes a larger frame is answered AR and kept as a dead letter
 * @param frameTimeout how long a frame may take from its start block before it counts as truncated
 * @param idleTimeout how long a connection may say nothing between frames before it is closed
 * @param defaultCharset for messages without MSH-18
 * @param accessionAuthority the assigning authority of accession numbers sent without one; when
 *     null, the sending facility (MSH-4)
 * @param accessionFields fields a site's senders fill with the accession although the standard
 *     gives them to an order number ({@link #NON_STANDARD_ACCESSION_FIELDS}); empty, as the
 *     standard has it, unless a site declares otherwise
 * @param bounds how large a message's structure may be before it is parsed
 * @param parseBudgetBytes heap that messages being parsed at once may take ({@link ParseBudget})
 * @param allowedSenders addresses connections are accepted from; others are closed at once
 * @param transport plain TCP, or TLS
 */
public record Hl7Settings(
    InetAddress bindAddress,
    int port,
    int maxConnections,
    int maxMessageBytes,
    Duration frameTimeout,
    Duration idleTimeout,
    Charset defaultCharset,
    String accessionAuthority,
    Set<String> accessionFields,
    MessageBounds bounds,
    long parseBudgetBytes,
    AllowedSenders allowedSenders,
    MllpTransport transport) {

  /** Senders idle between messages is normal; five minutes of silence frees the slot. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  /**
   * 256 MiB of estimated model, a quarter of the launcher's default heap: 32 text messages of the
   * largest default size (1 MiB), or 4 of the most value-dense a message may be, parsed at once.
   */
  public static final long DEFAULT_PARSE_BUDGET_BYTES = 256L * 1024 * 1024;

  /** The settings above with the default idle timeout, bounds and parse budget. */
  public Hl7Settings(
      InetAddress bindAddress,
      int port,
      int maxConnections,
      int maxMessageBytes,
      Duration frameTimeout,
      Charset defaultCharset,
      String accessionAuthority,
      Set<String> accessionFields) {
    this(
        bindAddress,
        port,
        maxConnections,
        maxMessageBytes,
        frameTimeout,
        DEFAULT_IDLE_TIMEOUT,
        defaultCharset,
        accessionAuthority,
        accessionFields,
        MessageBounds.DEFAULT,
        DEFAULT_PARSE_BUDGET_BYTES,
        AllowedSenders.ANY,
        MllpTransport.PLAIN);
  }

  /** The order-number fields a site may declare as carrying the accession instead. */
  public static final Set<String> NON_STANDARD_ACCESSION_FIELDS =
      Set.of("FT1-23", "SCH-26", "SCH-27");

  public Hl7Settings {
    accessionFields = accessionFields == null ? Set.of() : Set.copyOf(accessionFields);
    for (String field : accessionFields) {
      if (!NON_STANDARD_ACCESSION_FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "RADFLOW_MLLP_ACCESSION_FIELDS: '"
                + field
                + "' is not one radflow can read as the accession; it reads "
                + String.join(", ", NON_STANDARD_ACCESSION_FIELDS.stream().sorted().toList()));
      }
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("MLLP port must be 0-65535, was " + port);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("MLLP max connections must be at least 1");
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("MLLP max message bytes must be at least 1024");
    }
    if (frameTimeout == null || frameTimeout.isNegative() || frameTimeout.isZero()) {
      throw new IllegalArgumentException("RADFLOW_MLLP_FRAME_TIMEOUT must be positive");
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("RADFLOW_MLLP_IDLE_TIMEOUT must be positive");
    }
    if (bounds == null) {
      throw new IllegalArgumentException("MLLP message bounds must be given");
    }
    if (transport == null) {
      throw new IllegalArgumentException("MLLP transport must be given (PLAIN for plain TCP)");
    }
    if (allowedSenders == null) {
      throw new IllegalArgumentException("MLLP allowed senders must be given (ANY for all)");
    }
    if (parseBudgetBytes < 1) {
      throw new IllegalArgumentException("RADFLOW_MLLP_PARSE_BUDGET_BYTES must be at least 1");
    }
  }

  public Hl7Settings withIdleTimeout(Duration idleTimeout) {
    return new Hl7Settings(
        bindAddress,
        port,
        maxConnections,
        maxMessageBytes,
        frameTimeout,
        idleTimeout,
        defaultCharset,
        accessionAuthority,
        accessionFields,
        bounds,
        parseBudgetBytes,
        allowedSenders,
        transport);
  }

  public Hl7Settings withAllowedSenders(AllowedSenders allowedSenders) {
    return new Hl7Settings(
        bindAddress,
        port,
        maxConnections,
        maxMessageBytes,
        frameTimeout,
        idleTimeout,
        defaultCharset,
        accessionAuthority,
        accessionFields,
        bounds,
        parseBudgetBytes,
        allowedSenders,
        transport);
  }

  public Hl7Settings withTransport(MllpTransport transport) {
    return new Hl7Settings(
        bindAddress,
        port,
        maxConnections,
        maxMessageBytes,
        frameTimeout,
        idleTimeout,
        defaultCharset,
        accessionAuthority,
        accessionFields,
        bounds,
        parseBudgetBytes,
        allowedSenders,
        transport);
  }

  public Hl7Settings withBounds(MessageBounds bounds) {
    return new Hl7Settings(
        bindAddress,
        port,
        maxConnections,
        maxMessageBytes,
        frameTimeout,
        idleTimeout,
        defaultCharset,
        accessionAuthority,
        accessionFields,
        bounds,
        parseBudgetBytes,
        allowedSenders,
        transport);
  }

  public Hl7Settings withParseBudgetBytes(long parseBudgetBytes) {
    return new Hl7Settings(
        bindAddress,
        port,
        maxConnections,
        maxMessageBytes,
        frameTimeout,
        idleTimeout,
        defaultCharset,
        accessionAuthority,
        accessionFields,
        bounds,
        parseBudgetBytes,
        allowedSenders,
        transport);
  }

  /** Whether this site's senders put the accession in {@code field} (FT1-23, SCH-26, SCH-27). */
  public boolean accessionIn(String field) {
    return accessionFields.contains(field);
  }

  /** What a frame larger than the limit keeps of itself for the dead letter. */
  public int retainedOversizeBytes() {
    return (int) Math.min(Integer.MAX_VALUE - 16L, 4L * maxMessageBytes);
  }
}
