package org.radflow.config;

import java.net.URI;

/**
 * The blob store's settings ({@code radflow.blob.*}, e.g. {@code RADFLOW_BLOB_STORE}).
 *
 * @param store {@code filesystem} (default: under {@code $RADFLOW_HOME/blobs}) or {@code s3}
 * @param keys the encryption keyring, {@code id:base64,id:base64} ({@code RADFLOW_BLOB_KEYS}); when
 *     absent with the file store, a key generated once under {@code $RADFLOW_HOME/keys}
 * @param activeKey the id of the key that encrypts new blobs ({@code RADFLOW_BLOB_ACTIVE_KEY});
 *     needed with more than one key
 * @param s3 the bucket and its server, when {@code store} is {@code s3}
 */
public record BlobProperties(Kind store, String keys, String activeKey, S3 s3) {

  public enum Kind {
    FILESYSTEM,
    S3
  }

  /**
   * {@code radflow.blob.s3.*} ({@code RADFLOW_BLOB_S3_BUCKET} …), as in {@link
   * org.radflow.blob.S3Settings}.
   */
  public record S3(
      String bucket,
      String prefix,
      URI endpoint,
      String region,
      Boolean pathStyle,
      String accessKey,
      String secretKey) {

    /** Never the secret key: a startup failure prints the properties that bound. */
    @Override
    public String toString() {
      return "S3[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + "]";
    }
  }

  public BlobProperties {
    store = store == null ? Kind.FILESYSTEM : store;
    s3 = s3 == null ? new S3(null, null, null, null, null, null, null) : s3;
  }

  /** Never the keys themselves. */
  @Override
  public String toString() {
    return "BlobProperties[store=" + store + ", activeKey=" + activeKey + ", " + s3 + "]";
  }
}
