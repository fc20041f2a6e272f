package org.radflow.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.radflow.blob.BlobException;
import org.radflow.blob.BlobKeys;
import org.radflow.blob.Envelope;

/**
 * Webhook secrets sealed at rest: AES-256-GCM in the blob store's {@link Envelope}, under the same
 * keyring ({@code RADFLOW_BLOB_KEYS}, or the key generated into {@code $RADFLOW_HOME/keys}), stored
 * as base64 text. Signing needs the secret itself, so it cannot be hashed; sealing it means a copy
 * of the database (a backup, a replica, a dump attached to a ticket) no longer carries it. A key
 * rotated out of active use still opens the secrets it sealed; every node that sends webhooks needs
 * every key that sealed one, as it does for blobs.
 *
 * <p>Secrets stored before V10 are plain; {@link #open} reads both forms, told apart by {@link
 * StoredSecret#sealed()} (a column, not a guess from the text), and {@link #sealPlainSecrets} seals
 * the plain ones once at start-up.
 */
public final class WebhookSecrets {

  /** The envelope's name: not a SHA-256, so no blob and no secret open as one another. */
  private static final String NAME = "radflow-webhook-secret";

  private final BlobKeys keys;

  public WebhookSecrets(BlobKeys keys) {
    this.keys = keys;
  }

  public StoredSecret seal(String secret) {
    byte[] sealed = Envelope.seal(NAME, secret.getBytes(StandardCharsets.UTF_8), keys);
    return new StoredSecret(Base64.getEncoder().encodeToString(sealed), true);
  }

  /**
   * The secret itself.
   *
   * @throws IllegalStateException when it was sealed under a key this node lacks, or is damaged
   */
  public String open(StoredSecret stored) {
    if (!stored.sealed()) {
      return stored.value();
    }
    try {
      byte[] sealed = Base64.getDecoder().decode(stored.value());
      return new String(Envelope.open(NAME, sealed, keys), StandardCharsets.UTF_8);
    } catch (BlobException.MissingKey e) {
      throw new IllegalStateException(
          "the webhook secret is sealed under key '"
              + e.keyId()
              + "', which is not among this node's keys "
              + keys
              + " (RADFLOW_BLOB_KEYS); add it back",
          e);
    } catch (BlobException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the stored webhook secret is damaged: it does not open under " + keys, e);
    }
  }

  /** Seals every secret still stored plain; returns how many. Idempotent. */
  public int sealPlainSecrets(WebhookStore store) {
    int sealed = 0;
    for (WebhookStore.PlainSecret plain : store.plainSecrets()) {
      if (store.sealSecret(plain.subscriptionId(), plain.secret(), seal(plain.secret()))) {
        sealed++;
      }
    }
    return sealed;
  }
}
