package org.radflow.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The blob store contract against a real S3 server (S3Proxy, see {@link S3TestServer}). Each test
 * has a key prefix of its own in this class's bucket, so a blob damaged by one test is not another
 * test's blob.
 */
class S3BlobStoreTest extends BlobStoreContractTest {

  private static final String BUCKET = "radflow-blobs";

  private static S3TestServer server;
  private static S3Client raw;

  private S3BlobStore store;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.shared();
    server.createBucket(BUCKET);
    raw = server.client();
  }

  @AfterAll
  static void closeClient() {
    raw.close();
  }

  @BeforeEach
  void open() {
    store = S3BlobStore.open(server.settings(BUCKET, "test-" + UUID.randomUUID()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected void damage(String sha256, byte[] bytes) {
    raw.putObject(put -> put.bucket(BUCKET).key(store.key(sha256)), RequestBody.fromBytes(bytes));
  }

  @Test
  void aBlobIsOneObjectUnderItsPrefixAndContentAddress() {
    BlobRef ref = store.put(new byte[] {1, 2, 3});
    String prefix = store.key(ref.sha256()).substring(0, store.key(ref.sha256()).indexOf('/') + 1);

    assertThat(store.key(ref.sha256()))
        .matches("test-[0-9a-f-]{36}/sha256/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}")
        .endsWith(
            ref.sha256().substring(0, 2) + "/" + ref.sha256().substring(2, 4) + "/" + ref.sha256());
    assertThat(raw.listObjectsV2(list -> list.bucket(BUCKET).prefix(prefix)).contents())
        .singleElement()
        .satisfies(object -> assertThat(object.size()).isEqualTo(3));
  }

  @Test
  void puttingStoredContentAgainUploadsNothing() {
    BlobRef ref = store.put(new byte[] {4, 5, 6});
    // what is stored is not what the second put would upload: were it uploaded, get would see it
    damage(ref.sha256(), new byte[] {4, 5, 6, 7});

    store.put(new byte[] {4, 5, 6});

    assertThatThrownBy(() -> store.get(ref.sha256())).isInstanceOf(BlobException.Corrupt.class);
  }

  @Test
  void aMissingBucketIsAnUnavailableStoreNotAMissingBlob() {
    try (S3BlobStore noBucket = S3BlobStore.open(server.settings("no-such-bucket", ""))) {
      assertThatThrownBy(noBucket::ping)
          .isInstanceOf(BlobException.Unavailable.class)
          .hasMessageContaining("s3://no-such-bucket/");
      assertThatThrownBy(() -> noBucket.get("0".repeat(64)))
          .isInstanceOf(BlobException.Unavailable.class);
      assertThatThrownBy(() -> noBucket.put(new byte[] {1}))
          .isInstanceOf(BlobException.Unavailable.class);
    }
    store.ping();
  }

  @Test
  void wrongCredentialsAreAnUnavailableStore() {
    S3Settings right = server.settings(BUCKET, "");
    S3Settings wrong =
        new S3Settings(BUCKET, "", right.endpoint(), null, true, S3TestServer.ACCESS_KEY, "wrong");
    try (S3BlobStore denied = S3BlobStore.open(wrong)) {
      assertThatThrownBy(() -> denied.put(new byte[] {1}))
          .isInstanceOf(BlobException.Unavailable.class)
          .hasMessageContaining("403");
    }
  }

  @Test
  void encryptedBlobsAreOnlyCiphertextOnTheServer() {
    byte[] key = new byte[32];
    BlobKeys keys = new BlobKeys("k1", Map.of("k1", key));
    EncryptingBlobStore encrypted = new EncryptingBlobStore(store, keys);
    byte[] report = "FINAL REPORT: no acute abnormality".getBytes(StandardCharsets.UTF_8);

    BlobRef ref = encrypted.put(report);
    byte[] onServer =
        raw.getObjectAsBytes(get -> get.bucket(BUCKET).key(store.key(ref.sha256()))).asByteArray();

    assertThat(encrypted.get(ref.sha256())).isEqualTo(report);
    assertThat(new String(onServer, StandardCharsets.ISO_8859_1)).doesNotContain("REPORT");
    assertThat(Base64.getEncoder().encodeToString(onServer)).isNotEmpty();
  }

  @Test
  void aStoppedServerMakesTheStoreUnavailable(@TempDir Path own) throws Exception {
    S3TestServer stopped = S3TestServer.start(own);
    try {
      stopped.createBucket(BUCKET);
      try (S3BlobStore unreachable = S3BlobStore.open(stopped.settings(BUCKET, ""))) {
        BlobRef ref = unreachable.put(new byte[] {9});
        stopped.stop();

        assertThatThrownBy(() -> unreachable.get(ref.sha256()))
            .isInstanceOf(BlobException.Unavailable.class)
            .hasMessageContaining("cannot read blob sha256:" + ref.sha256())
            .hasMessageContaining("s3://" + BUCKET + "/");
        assertThatThrownBy(() -> unreachable.exists(ref.sha256()))
            .isInstanceOf(BlobException.Unavailable.class);
        assertThatThrownBy(() -> unreachable.put(new byte[] {10}))
            .isInstanceOf(BlobException.Unavailable.class);
        assertThatThrownBy(unreachable::ping).isInstanceOf(BlobException.Unavailable.class);
      }
    } finally {
      stopped.close();
    }
  }
}
