package org.radflow.config;

import org.radflow.blob.BlobBackend;
import org.radflow.blob.BlobKeys;
import org.radflow.blob.BlobStore;
import org.radflow.blob.EncryptingBlobStore;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.blob.LocalBlobKey;
import org.radflow.blob.S3BlobStore;
import org.radflow.blob.S3Settings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link BlobStore}: encrypted, over the file system ({@code $RADFLOW_HOME/blobs}) or an S3
 * bucket ({@code RADFLOW_BLOB_STORE=s3}). The plain stores are deliberately not beans, so nothing
 * can be handed an unencrypted store by type.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RadflowProperties.class)
class BlobConfiguration {

  /** The keyring, also sealing webhook secrets (see {@code WebhookConfiguration}). */
  @Bean
  BlobKeys blobKeys(RadflowProperties properties) {
    return keys(properties);
  }

  /** After the keyring: a refused keyring leaves no S3 client open. */
  @Bean(destroyMethod = "close")
  EncryptingBlobStore blobStore(RadflowProperties properties, BlobKeys keys) {
    return new EncryptingBlobStore(backend(properties), keys);
  }

  private static BlobBackend backend(RadflowProperties properties) {
    BlobProperties blob = properties.blob();
    return switch (blob.store()) {
      case FILESYSTEM -> new FileSystemBlobStore(properties.home().resolve("blobs"));
      case S3 -> S3BlobStore.open(s3Settings(blob.s3()));
    };
  }

  /**
   * The configured keyring; without one, a generated key, but only for the file store: a key on one
   * node's disk would leave the other nodes sharing a bucket unable to read its blobs, and a bucket
   * is usually shared.
   */
  private static BlobKeys keys(RadflowProperties properties) {
    BlobProperties blob = properties.blob();
    if (blob.keys() != null && !blob.keys().isBlank()) {
      return BlobKeys.parse(blob.keys(), blob.activeKey());
    }
    if (blob.store() == BlobProperties.Kind.S3) {
      throw new IllegalArgumentException(
          "the S3 blob store needs its encryption keys configured: set RADFLOW_BLOB_KEYS"
              + " (radflow.blob.keys) to id:base64 with 32 random bytes, e.g. k1:$(openssl rand"
              + " -base64 32), the same on every node");
    }
    return LocalBlobKey.loadOrCreate(properties.home().resolve("keys"));
  }

  static S3Settings s3Settings(BlobProperties.S3 s3) {
    return new S3Settings(
        s3.bucket(),
        s3.prefix(),
        s3.endpoint(),
        s3.region(),
        s3.pathStyle() != null && s3.pathStyle(),
        s3.accessKey(),
        s3.secretKey());
  }
}
