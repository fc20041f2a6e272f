package org.radflow.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract with encryption over the file store, and what encryption adds. */
class EncryptingBlobStoreTest extends BlobStoreContractTest {

  private static final byte[] REPORT =
      "FINAL REPORT ACC-123: no acute intracranial abnormality".getBytes(StandardCharsets.UTF_8);

  @TempDir Path root;
  private FileSystemBlobStore files;
  private EncryptingBlobStore store;

  @BeforeEach
  void open() {
    files = new FileSystemBlobStore(root);
    store = new EncryptingBlobStore(files, keys("a", "a", "b"));
  }

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected void damage(String sha256, byte[] bytes) throws Exception {
    Files.write(file(sha256), bytes);
  }

  @Test
  void whatIsStoredIsCiphertextUnderThePlaintextsName() throws Exception {
    BlobRef ref = store.put(REPORT);
    byte[] stored = Files.readAllBytes(file(ref.sha256()));

    assertThat(ref).isEqualTo(BlobRef.of(REPORT));
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("REPORT");
    // version, key id length, key id, 12-byte nonce, ciphertext, 16-byte tag
    assertThat(stored).hasSize(1 + 1 + 1 + 12 + REPORT.length + 16);
    assertThat(stored[0]).isEqualTo((byte) 1);
    assertThat(new String(stored, 2, 1, StandardCharsets.US_ASCII)).isEqualTo("a");
  }

  @Test
  void theSameContentIsEncryptedOnceNotOncePerPut() throws Exception {
    BlobRef ref = store.put(REPORT);
    byte[] first = Files.readAllBytes(file(ref.sha256()));

    store.put(REPORT);

    assertThat(Files.readAllBytes(file(ref.sha256()))).isEqualTo(first);
  }

  @Test
  void blobsWrittenUnderAnOldKeyAreReadAfterRotation() throws Exception {
    BlobRef underA = store.put(REPORT);
    EncryptingBlobStore rotated = new EncryptingBlobStore(files, keys("b", "a", "b"));
    byte[] addendum = "ADDENDUM".getBytes(StandardCharsets.UTF_8);

    BlobRef underB = rotated.put(addendum);

    assertThat(rotated.get(underA.sha256())).isEqualTo(REPORT);
    assertThat(rotated.get(underB.sha256())).isEqualTo(addendum);
    assertThat(
            new String(Files.readAllBytes(file(underB.sha256())), 2, 1, StandardCharsets.US_ASCII))
        .isEqualTo("b");
    // putting content stored under the old key keeps that blob: its reference is unchanged
    assertThat(rotated.put(REPORT)).isEqualTo(underA);
    assertThat(
            new String(Files.readAllBytes(file(underA.sha256())), 2, 1, StandardCharsets.US_ASCII))
        .isEqualTo("a");
  }

  @Test
  void alteredCiphertextIsCorrupt() throws Exception {
    BlobRef ref = store.put(REPORT);
    byte[] stored = Files.readAllBytes(file(ref.sha256()));
    stored[stored.length - 20] ^= 1; // one bit of the ciphertext

    Files.write(file(ref.sha256()), stored);

    assertThatThrownBy(() -> store.get(ref.sha256()))
        .isInstanceOf(BlobException.Corrupt.class)
        .hasMessageContaining("fails authentication under key 'a'")
        .hasMessageContaining("restore it from a backup");
  }

  @Test
  void oneBlobsCiphertextUnderAnotherBlobsNameIsCorrupt() throws Exception {
    BlobRef report = store.put(REPORT);
    BlobRef other = store.put("OTHER".getBytes(StandardCharsets.UTF_8));

    Files.copy(
        file(report.sha256()),
        file(other.sha256()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> store.get(other.sha256()))
        .isInstanceOf(BlobException.Corrupt.class)
        .hasMessageContaining("fails authentication");
  }

  @Test
  void aBlobUnderAKeyNoLongerInTheKeyringNamesTheMissingKey() {
    BlobRef underA = store.put(REPORT);
    EncryptingBlobStore withoutA = new EncryptingBlobStore(files, keys("b", "b"));

    assertThatThrownBy(() -> withoutA.get(underA.sha256()))
        .isInstanceOfSatisfying(
            BlobException.MissingKey.class, e -> assertThat(e.keyId()).isEqualTo("a"))
        .hasMessageContaining("encrypted under key 'a'")
        .hasMessageContaining("RADFLOW_BLOB_KEYS");
  }

  @Test
  void describeSaysWhereAndUnderWhichKey() {
    assertThat(store.describe()).contains(root.toString()).contains("active key a");
  }

  /** Keys with the given ids, each 32 bytes of its id's first letter: distinct and repeatable. */
  static BlobKeys keys(String active, String... ids) {
    Map<String, byte[]> keys = new java.util.LinkedHashMap<>();
    for (String id : ids) {
      byte[] key = new byte[32];
      java.util.Arrays.fill(key, (byte) id.charAt(0));
      keys.put(id, key);
    }
    return new BlobKeys(active, keys);
  }

  private Path file(String sha256) {
    return root.resolve("sha256")
        .resolve(sha256.substring(0, 2))
        .resolve(sha256.substring(2, 4))
        .resolve(sha256);
  }
}
