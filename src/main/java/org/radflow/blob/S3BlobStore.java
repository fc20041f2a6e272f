package org.radflow.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Blobs as objects in an S3 bucket (AWS or any S3-compatible server), at {@code
 * <prefix>sha256/ab/cd/<hex>}: the file store's layout, so a blob can be found by eye in either.
 *
 * <p>An object appears whole or not at all (S3 writes are atomic), so there is no temporary to
 * clean up. Uploads carry {@code Content-MD5}, which every S3-compatible server checks, so bytes
 * damaged on the way are refused rather than stored. SDK failures become {@link BlobException}s
 * here and nowhere else: a missing key is {@link BlobException.NotFound}; anything else that stops
 * the call (connection, timeout, 5xx, access denied, missing bucket) is {@link
 * BlobException.Unavailable}, since only the operator can fix it.
 */
public final class S3BlobStore extends ContentAddressedStore implements AutoCloseable {

  private final S3Client client;
  private final String bucket;
  private final String prefix;

  /** Over a client built elsewhere; {@link #close()} closes it. */
  public S3BlobStore(S3Client client, String bucket, String prefix) {
    this.client = client;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  public static S3BlobStore open(S3Settings settings) {
    return new S3BlobStore(client(settings), settings.bucket(), settings.prefix());
  }

  /**
   * A client with one small synchronous HTTP client. Checksums only where S3 requires them: since
   * SDK 2.30 every upload otherwise carries a trailing CRC checksum in {@code aws-chunked}
   * encoding, which many S3-compatible servers refuse. Integrity is ours anyway: Content-MD5 on the
   * way in, SHA-256 of the content on the way out.
   */
  static S3Client client(S3Settings settings) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30))
                    .build())
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings))
            .forcePathStyle(settings.pathStyle())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3Settings settings) {
    return settings.explicitCredentials()
        ? StaticCredentialsProvider.create(
            AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
        : DefaultCredentialsProvider.builder().build();
  }

  @Override
  public void write(String sha256, byte[] bytes) {
    String key = key(sha256);
    call(
        "store blob sha256:" + sha256,
        () ->
            client.putObject(
                put ->
                    put.bucket(bucket)
                        .key(key)
                        .contentLength((long) bytes.length)
                        .contentMD5(md5(bytes)),
                RequestBody.fromBytes(bytes)));
  }

  @Override
  public byte[] read(String sha256) {
    String key = key(sha256);
    return call(
        "read blob sha256:" + sha256,
        () -> {
          try {
            return client.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray();
          } catch (NoSuchKeyException e) { // a missing bucket is another exception: Unavailable
            throw new BlobException.NotFound(sha256);
          }
        });
  }

  /** S3 answers a delete of a missing key with success, as a purge that runs twice needs. */
  @Override
  public void delete(String sha256) {
    String key = key(sha256);
    call(
        "delete blob sha256:" + sha256,
        () -> client.deleteObject(delete -> delete.bucket(bucket).key(key)));
  }

  /**
   * A HEAD request. Its 404 has no body to say what is missing, so a missing bucket looks like a
   * missing blob here; {@link #ping()} tells them apart.
   */
  @Override
  public boolean exists(String sha256) {
    String key = key(sha256);
    return call(
        "look for blob sha256:" + sha256,
        () -> {
          try {
            client.headObject(head -> head.bucket(bucket).key(key));
            return true;
          } catch (SdkServiceException e) {
            if (e.statusCode() == 404) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public void ping() {
    call("reach the bucket", () -> client.headBucket(head -> head.bucket(bucket)));
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public void close() {
    client.close();
  }

  String key(String sha256) {
    BlobRef.requireName(sha256);
    return prefix
        + "sha256/"
        + sha256.substring(0, 2)
        + "/"
        + sha256.substring(2, 4)
        + "/"
        + sha256;
  }

  private <T> T call(String what, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw new BlobException.Unavailable(
          "cannot " + what + " in " + describe() + ": " + e.getMessage(), e);
    }
  }

  private static String md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
