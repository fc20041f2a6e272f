package org.radflow.national;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based OIDs: a version 5 (SHA-1) UUID of the name in radflow's namespace, written as {@code
 * 2.25.<the UUID as an unsigned decimal>} (ITU-T X.667), the arc under which any UUID is an OID
 * without registration.
 */
final class Oids {

  /** radflow's own namespace, so its names cannot collide with another system's. */
  private static final UUID NAMESPACE = UUID.fromString("5b0c3a8e-2f4d-4c1e-9a6b-7d2e1f0a9c31");

  private Oids() {}

  static String fromName(String name) {
    return of(nameUuid(name));
  }

  static String of(UUID uuid) {
    byte[] bytes =
        ByteBuffer.allocate(16)
            .putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits())
            .array();
    return "2.25." + new BigInteger(1, bytes);
  }

  /** The version 5 UUID of {@code name} in {@link #NAMESPACE} (RFC 9562, section 5.5). */
  static UUID nameUuid(String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
    sha1.update(
        ByteBuffer.allocate(16)
            .putLong(NAMESPACE.getMostSignificantBits())
            .putLong(NAMESPACE.getLeastSignificantBits())
            .array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer first16 = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(first16.getLong(), first16.getLong());
  }
}
