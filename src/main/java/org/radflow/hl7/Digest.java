package org.radflow.hl7;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A short, stable name for business content, so a key can say "this content" in few bytes. */
final class Digest {

  private Digest() {}

  static String of(Map<String, String> content) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(content).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return of(text.toString());
  }

  /** The longest idempotency key a transition takes. */
  private static final int KEY_LENGTH = 200;

  /**
   * A transition's key: what it is, the study, and the business values that tell it apart. Values a
   * sender may make arbitrarily long (appointment and transaction ids) are replaced by their digest
   * when the key would not fit, so a long value is still one stable key, not a refusal.
   */
  static String key(String what, Object study, Object... values) {
    StringBuilder tail = new StringBuilder();
    for (Object value : values) {
      tail.append(':').append(value);
    }
    String key = "hl7:" + what + ":" + study + tail;
    return key.length() <= KEY_LENGTH
        ? key
        : "hl7:" + what + ":" + study + ":" + of(tail.toString());
  }

  static String of(String content) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }
}
