package org.radflow.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every blob store does; each implementation's test supplies the store and a way to damage it.
 */
abstract class BlobStoreContractTest {

  protected abstract BlobStore store();

  /** Overwrites the stored bytes of a blob behind the store's back. */
  protected abstract void damage(String sha256, byte[] bytes) throws Exception;

  private static final byte[] HL7 =
      "MSH|^~\\&|RIS|RAD|RADFLOW|RAD|20260301085500||ORM^O01|MSG-1|P|2.5\r"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void contentComesBackAsStoredUnderItsSha256() throws Exception {
    BlobRef ref = store().put(HL7);

    assertThat(ref.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(HL7)));
    assertThat(ref.size()).isEqualTo(HL7.length);
    assertThat(ref.uri().toString()).isEqualTo("blob://sha256/" + ref.sha256());
    assertThat(ref.contentHash()).isEqualTo("sha256:" + ref.sha256());
    assertThat(BlobRef.hashOf(ref.uri())).isEqualTo(ref.sha256());
    assertThat(store().get(ref.sha256())).isEqualTo(HL7);
    assertThat(store().exists(ref.sha256())).isTrue();
  }

  @Test
  void theSameContentIsOneBlobWhoeverStoresIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<BlobRef>> puts = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      puts.add(pool.submit(() -> store().put(HL7)));
    }
    Set<BlobRef> refs = new HashSet<>();
    for (Future<BlobRef> put : puts) {
      refs.add(put.get());
    }
    pool.shutdown();

    assertThat(refs).hasSize(1);
    assertThat(store().get(refs.iterator().next().sha256())).isEqualTo(HL7);
  }

  @Test
  void emptyContentIsABlobToo() {
    BlobRef empty = store().put(new byte[0]);

    assertThat(empty.size()).isZero();
    assertThat(store().get(empty.sha256())).isEmpty();
  }

  @Test
  void anUnknownBlobIsNotFoundWithItsHash() {
    String unknown = "0".repeat(64);

    assertThat(store().exists(unknown)).isFalse();
    assertThatThrownBy(() -> store().get(unknown))
        .isInstanceOf(BlobException.NotFound.class)
        .hasMessageContaining("sha256:" + unknown);
  }

  @Test
  void damagedContentIsRefusedOnRead() throws Exception {
    BlobRef ref = store().put(HL7);
    damage(ref.sha256(), "tampered".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> store().get(ref.sha256()))
        .isInstanceOf(BlobException.Corrupt.class)
        .hasMessageContaining("is corrupt")
        .hasMessageContaining("restore it from a backup");
  }

  @Test
  void aNameThatIsNotASha256IsRefused() {
    assertThatThrownBy(() -> store().get("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 lowercase hex digits");
    assertThatThrownBy(() -> BlobRef.hashOf(java.net.URI.create("s3://bucket/key")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
