package org.radflow.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobKeysTest {

  private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String KEY_B = Base64.getEncoder().encodeToString(filled(7));

  @Test
  void oneKeyIsTheActiveOne() {
    assertThat(BlobKeys.parse("k1:" + KEY_A, null).activeId()).isEqualTo("k1");
  }

  @Test
  void withSeveralKeysTheActiveOneIsNamed() {
    BlobKeys keys = BlobKeys.parse("k1:" + KEY_A + ", k2:" + KEY_B, "k2");

    assertThat(keys.activeId()).isEqualTo("k2");
    assertThat(keys.key("k1")).isPresent();
    assertThatThrownBy(() -> BlobKeys.parse("k1:" + KEY_A + ",k2:" + KEY_B, ""))
        .hasMessageContaining("RADFLOW_BLOB_ACTIVE_KEY");
    assertThatThrownBy(() -> BlobKeys.parse("k1:" + KEY_A, "k9"))
        .hasMessageContaining("'k9' is not among the keys [k1]");
  }

  @Test
  void malformedKeysAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> BlobKeys.parse(KEY_A, null))
        .hasMessageContaining("id:base64")
        .hasMessageNotContaining(KEY_A);
    assertThatThrownBy(() -> BlobKeys.parse("k1:not base64!", null))
        .hasMessageContaining("'k1' is not valid base64");
    assertThatThrownBy(
            () -> BlobKeys.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16]), null))
        .hasMessageContaining("AES-256 needs 32");
    assertThatThrownBy(() -> BlobKeys.parse("k1:" + KEY_A + ",k1:" + KEY_B, "k1"))
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> BlobKeys.parse("bad id:" + KEY_A, null))
        .hasMessageContaining("'bad id'");
  }

  @Test
  void printingKeysShowsOnlyTheirIds() {
    assertThat(BlobKeys.parse("k1:" + KEY_A + ",k2:" + KEY_B, "k1").toString())
        .isEqualTo("BlobKeys[active k1 of [k1, k2]]");
  }

  @Test
  void aKeyIsGeneratedOnceOwnerOnlyAndReused(@TempDir Path home) throws Exception {
    Path keys = home.resolve("keys");

    BlobKeys first = LocalBlobKey.loadOrCreate(keys);
    BlobKeys second = LocalBlobKey.loadOrCreate(keys);

    Path file = keys.resolve("blob.key");
    assertThat(first.activeId()).matches("local-[0-9a-f]{8}").isEqualTo(second.activeId());
    assertThat(second.active().getEncoded()).isEqualTo(first.active().getEncoded());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
        .isEqualTo("rwx------");
    try (var left = Files.list(keys)) {
      assertThat(left).containsExactly(file); // no temporary left behind
    }
  }

  @Test
  void aDamagedKeyFileStopsStartupRatherThanMakingANewKey(@TempDir Path keys) throws Exception {
    Files.writeString(keys.resolve("blob.key"), "local-1:tooshort");

    assertThatThrownBy(() -> LocalBlobKey.loadOrCreate(keys))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("blob.key is damaged");
  }

  private static byte[] filled(int value) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) value);
    return key;
  }
}
