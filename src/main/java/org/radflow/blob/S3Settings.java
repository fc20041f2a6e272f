package org.radflow.blob;

import java.net.URI;

/**
 * Where an {@link S3BlobStore} keeps blobs, and how it signs in.
 *
 * @param bucket the bucket, which must exist (radflow does not create it)
 * @param prefix put before every key, so several radflow installations can share a bucket; a
 *     trailing {@code /} is added when missing; empty for none
 * @param endpoint an S3-compatible server (MinIO, Ceph, S3Proxy…); {@code null} for AWS itself
 * @param region the bucket's region; {@code us-east-1} when not given, which S3-compatible servers
 *     accept
 * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key}: most
 *     S3-compatible servers need it
 * @param accessKey with {@code secretKey}, explicit credentials; without both, the AWS SDK's
 *     default chain (environment, profile, instance or container role)
 */
public record S3Settings(
    String bucket,
    String prefix,
    URI endpoint,
    String region,
    boolean pathStyle,
    String accessKey,
    String secretKey) {

  public S3Settings {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException(
          "the S3 blob store needs a bucket: set radflow.blob.s3.bucket (RADFLOW_BLOB_S3_BUCKET)");
    }
    prefix = blank(prefix);
    prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    region = region == null || region.isBlank() ? "us-east-1" : region;
    accessKey = blank(accessKey);
    secretKey = blank(secretKey);
    if (accessKey.isEmpty() != secretKey.isEmpty()) {
      throw new IllegalArgumentException(
          "give both radflow.blob.s3.access-key and radflow.blob.s3.secret-key"
              + " (RADFLOW_BLOB_S3_ACCESS_KEY, RADFLOW_BLOB_S3_SECRET_KEY), or neither to use the"
              + " AWS default credentials");
    }
  }

  boolean explicitCredentials() {
    return !accessKey.isEmpty();
  }

  /** Never the secret key: settings end up in logs and startup failures. */
  @Override
  public String toString() {
    return "S3Settings[s3://"
        + bucket
        + "/"
        + prefix
        + (endpoint == null ? "" : " at " + endpoint)
        + ", region "
        + region
        + (pathStyle ? ", path-style" : "")
        + (explicitCredentials() ? ", access key " + accessKey : ", default credentials")
        + "]";
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? "" : value.strip();
  }
}
