package org.radflow.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The one hash that names blobs, and the check every read ends with. */
final class Sha256 {

  private Sha256() {}

  static String hex(byte[] content) {
    try {
      return BlobRef.hex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The content, when it hashes to its name. */
  static byte[] verified(String sha256, byte[] content) {
    String actual = hex(content);
    if (!actual.equals(sha256)) {
      throw new BlobException.Corrupt(sha256, "its stored bytes hash to sha256:" + actual);
    }
    return content;
  }
}
