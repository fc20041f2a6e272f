package org.radflow.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook consumer's check of {@code X-Radflow-Signature}, written from docs/consumers.md alone,
 * as any outside consumer would write it, rather than borrowed from radflow's own signer: the demo
 * proves the documented algorithm is enough. The header is {@code t=<unix seconds>,v1=<hex>}, the
 * hex being HMAC-SHA256, keyed with the secret's UTF-8 bytes, over {@code "<t>."} followed by the
 * exact bytes of the body received. A {@code t} further than {@link #TOLERANCE} from the receiver's
 * clock is refused, so a captured request cannot be replayed later.
 */
final class WebhookSignature {

  static final String HEADER = "X-Radflow-Signature";
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** Whether {@code header} signs exactly {@code body} with {@code secret}, near {@code now}. */
  static boolean verify(String secret, String header, byte[] body, Instant now) {
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
        if (pair[0].equals("t")) {
          t = Long.parseLong(pair[1]);
        } else if (pair[0].equals("v1")) {
          given = HexFormat.of().parseHex(pair[1]);
        }
        // any other member belongs to a later scheme: ignored, as the documented format allows
      } catch (IllegalArgumentException malformed) {
        return false;
      }
    }
    if (t == null || given == null) {
      return false;
    }
    Duration skew = Duration.between(Instant.ofEpochSecond(t), now).abs();
    if (skew.compareTo(TOLERANCE) > 0) {
      return false;
    }
    return MessageDigest.isEqual(given, mac(secret, t, body));
  }

  private static byte[] mac(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
    }
  }
}
