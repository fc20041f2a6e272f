package org.radflow.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token secrets: 256 random bits, shown once, stored only as their SHA-256. A slow hash would add
 * nothing: the secret is not a password a person chose, and 256 random bits cannot be guessed.
 */
public final class TokenSecrets {

  /** Marks a radflow secret, so a leaked one is recognisable by secret scanners. */
  static final String PREFIX = "rfk_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  /** A new secret: the prefix and 32 random bytes, base64url. */
  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 of {@code secret}, as stored. */
  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  /** Compares two hashes in time that does not depend on where they differ. */
  static boolean same(byte[] stored, byte[] presented) {
    return MessageDigest.isEqual(stored, presented);
  }
}
