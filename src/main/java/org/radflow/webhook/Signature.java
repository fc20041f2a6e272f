package org.radflow.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@value #HEADER} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the MAC taken with
 * the subscription's secret (its UTF-8 bytes as the key) over {@code "<t>.<body>"}, the body being
 * the exact bytes sent.
 *
 * <p>A receiver verifies it by: splitting the header on {@code ,} into {@code t} and {@code v1};
 * recomputing the MAC over its own {@code t}, a dot and the raw request body (before any JSON
 * parsing); comparing the two in constant time; and rejecting a {@code t} further than a few
 * minutes from its own clock (five here), so a captured request cannot be replayed later. Because
 * the timestamp is inside the MAC, it cannot be altered to pass that check. {@link #verify} does
 * exactly this. Retries are signed afresh with the time of the attempt.
 */
public final class Signature {

  public static final String HEADER = "X-Radflow-Signature";
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";

  private Signature() {}

  /** The header value for {@code body} sent at {@code at}. */
  public static String sign(String secret, Instant at, String body) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t + "." + body));
  }

  /**
   * Whether {@code header} is a valid signature of {@code body} with {@code secret}, made within
   * {@code tolerance} of {@code now}.
   */
  public static boolean verify(
      String secret, String header, String body, Instant now, Duration tolerance) {
    if (header == null) {
      return false;
    }
    Long t = null;
    byte[] given = null;
    for (String part : header.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length != 2) {
        return false;
      }
      try {
        switch (pair[0]) {
          case "t" -> t = Long.parseLong(pair[1]);
          case "v1" -> given = HexFormat.of().parseHex(pair[1]);
          default -> {
            // a later version's member: ignored, so schemes can be added side by side
          }
        }
      } catch (IllegalArgumentException malformed) {
        return false;
      }
    }
    if (t == null || given == null) {
      return false;
    }
    if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
      return false;
    }
    return MessageDigest.isEqual(given, mac(secret, t + "." + body));
  }

  private static byte[] mac(String secret, String signed) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
    }
  }
}
