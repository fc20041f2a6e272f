package org.radflow.blob;

import java.net.URI;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A reference to stored content: {@code blob://sha256/<hex>}, its content hash {@code sha256:<hex>}
 * and its size. The hash is the key, so equal content is one blob.
 */
public record BlobRef(String sha256, long size) {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public BlobRef {
    requireName(sha256);
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
  }

  /** The reference of this content. */
  public static BlobRef of(byte[] content) {
    return new BlobRef(Sha256.hex(content), content.length);
  }

  /**
   * The name, when it is one: names become file paths and object keys, so anything else (such as
   * {@code ../../etc/passwd}) is refused before it gets there.
   */
  public static String requireName(String sha256) {
    if (sha256 == null || !HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "a blob is named by the 64 lowercase hex digits of its SHA-256, was '" + sha256 + "'");
    }
    return sha256;
  }

  public URI uri() {
    return URI.create("blob://sha256/" + sha256);
  }

  public String contentHash() {
    return "sha256:" + sha256;
  }

  /** The hash named by a {@code blob://sha256/<hex>} URI. */
  public static String hashOf(URI uri) {
    String text = uri.toString();
    String prefix = "blob://sha256/";
    if (!text.startsWith(prefix)) {
      throw new IllegalArgumentException(
          "not a radflow blob URI: " + uri + " (blob://sha256/<hex>)");
    }
    return text.substring(prefix.length());
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
