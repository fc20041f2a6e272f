package org.radflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radflow.blob.BlobKeys;

/** Sealing webhook secrets under the blob keyring, and reading secrets stored before V10. */
class WebhookSecretsTest {

  static final String SECRET = "whsec-0123456789abcdef-é";

  static byte[] key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private final byte[] k1 = key();
  private final WebhookSecrets secrets = new WebhookSecrets(new BlobKeys("k1", Map.of("k1", k1)));

  @Test
  void aSealedSecretOpensToItselfAndItsStoredFormCarriesNoTraceOfIt() {
    StoredSecret sealed = secrets.seal(SECRET);

    assertThat(sealed.sealed()).isTrue();
    assertThat(sealed.value()).doesNotContain(SECRET).doesNotContain("0123456789abcdef");
    assertThat(new String(Base64.getDecoder().decode(sealed.value()), StandardCharsets.ISO_8859_1))
        .doesNotContain("0123456789abcdef");
    assertThat(sealed.toString()).doesNotContain(sealed.value());
    assertThat(secrets.open(sealed)).isEqualTo(SECRET);
    assertThat(secrets.seal(SECRET).value())
        .as("a fresh nonce each time")
        .isNotEqualTo(sealed.value());
  }

  @Test
  void aSecretStoredPlainBeforeV10IsReadAsItIs() {
    assertThat(secrets.open(new StoredSecret(SECRET, false))).isEqualTo(SECRET);
  }

  @Test
  void aRotatedKeyStillOpensWhatItSealedAndAMissingOneIsNamed() {
    StoredSecret underK1 = secrets.seal(SECRET);
    Map<String, byte[]> both = new LinkedHashMap<>();
    both.put("k1", k1);
    both.put("k2", key());
    WebhookSecrets rotated = new WebhookSecrets(new BlobKeys("k2", both));
    WebhookSecrets withoutK1 = new WebhookSecrets(new BlobKeys("k2", Map.of("k2", both.get("k2"))));

    assertThat(rotated.open(underK1)).isEqualTo(SECRET);
    assertThat(withoutK1.open(rotated.seal(SECRET))).isEqualTo(SECRET);
    assertThatThrownBy(() -> withoutK1.open(underK1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sealed under key 'k1'")
        .hasMessageContaining("RADFLOW_BLOB_KEYS")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void anAlteredSealedSecretIsRefusedNotOpenedToSomethingElse() {
    byte[] bytes = Base64.getDecoder().decode(secrets.seal(SECRET).value());
    bytes[bytes.length - 1] ^= 1;
    StoredSecret altered = new StoredSecret(Base64.getEncoder().encodeToString(bytes), true);

    assertThatThrownBy(() -> secrets.open(altered))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("damaged");
    assertThatThrownBy(() -> secrets.open(new StoredSecret("not base64 at all!", true)))
        .isInstanceOf(IllegalStateException.class);
  }
}
