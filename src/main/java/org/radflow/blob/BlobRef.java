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
    if (sha256 == null || !HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "a blob is named by the 64 lowercase hex digits of its SHA-256, was '" + sha256 + "'");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
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
