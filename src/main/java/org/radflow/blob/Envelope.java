package org.radflow.blob;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The stored form of an encrypted blob (format 1):
 *
 * <pre>
 * version (1 byte, 1) | key id length n (1 byte) | key id (n ASCII bytes) | nonce (12 bytes)
 * | AES-256-GCM ciphertext of the content, with its 16-byte tag
 * </pre>
 *
 * The key id says which key to decrypt with, so keys rotate without rewriting blobs. The nonce is
 * random per blob; at 96 bits that is safe for about 2^32 blobs under one key, far beyond one key's
 * life between rotations. The header and the blob's name are authenticated with the ciphertext
 * (associated data): changing either, or copying one blob's bytes under another blob's name, fails
 * decryption.
 *
 * <p>The same envelope, under the same keyring, seals webhook secrets ({@code
 * org.radflow.webhook.WebhookSecrets}): one format, one keyring to back up and rotate. Their name
 * is not a SHA-256, so a sealed secret never opens as a blob nor a blob as a secret.
 */
public final class Envelope {

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Envelope() {}

  /** Seals {@code content} under the keyring's active key, bound to {@code name}. */
  public static byte[] seal(String name, byte[] content, BlobKeys keys) {
    return seal(name, content, keys.activeId(), keys.active());
  }

  static byte[] seal(String sha256, byte[] content, String keyId, SecretKey key) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] header =
        ByteBuffer.allocate(2 + id.length + NONCE_BYTES)
            .put(VERSION)
            .put((byte) id.length)
            .put(id)
            .put(nonce)
            .array();
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, nonce, sha256, header, content, 0);
    return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
  }

  /**
   * The content sealed under {@code name}.
   *
   * @throws BlobException.MissingKey when it was sealed under a key not in the keyring
   * @throws BlobException.Corrupt when it is not an envelope, or fails authentication
   */
  public static byte[] open(String sha256, byte[] stored, BlobKeys keys) {
    if (stored.length < 2 || stored[0] != VERSION) {
      throw new BlobException.Corrupt(
          sha256,
          "its stored bytes do not start with an encrypted blob's header (format " + VERSION + ")");
    }
    int idLength = Byte.toUnsignedInt(stored[1]);
    int headerLength = 2 + idLength + NONCE_BYTES;
    if (idLength == 0 || stored.length < headerLength + TAG_BITS / 8) {
      throw new BlobException.Corrupt(sha256, "its encrypted form is cut short");
    }
    String keyId = new String(stored, 2, idLength, StandardCharsets.US_ASCII);
    SecretKey key = keys.key(keyId).orElseThrow(() -> new BlobException.MissingKey(sha256, keyId));
    byte[] nonce = Arrays.copyOfRange(stored, 2 + idLength, headerLength);
    byte[] header = Arrays.copyOf(stored, headerLength);
    try {
      return crypt(Cipher.DECRYPT_MODE, key, nonce, sha256, header, stored, headerLength);
    } catch (AuthenticationFailed e) {
      throw new BlobException.Corrupt(
          sha256, "it fails authentication under key '" + keyId + "' (altered or misplaced)");
    }
  }

  /** The id of the key an envelope was sealed under, from its header; no key needed. */
  public static String keyId(byte[] stored) {
    if (stored.length < 2 || stored[0] != VERSION || stored[1] == 0) {
      throw new IllegalArgumentException("not an encrypted blob (format " + VERSION + ")");
    }
    int idLength = Byte.toUnsignedInt(stored[1]);
    if (stored.length < 2 + idLength) {
      throw new IllegalArgumentException("an encrypted blob's header is cut short");
    }
    return new String(stored, 2, idLength, StandardCharsets.US_ASCII);
  }

  /** How many bytes of content an envelope holds: what is left without header and tag. */
  public static int plaintextSize(byte[] stored) {
    int headerLength = 2 + keyId(stored).length() + NONCE_BYTES;
    return Math.max(0, stored.length - headerLength - TAG_BITS / 8);
  }

  private static byte[] crypt(
      int mode,
      SecretKey key,
      byte[] nonce,
      String sha256,
      byte[] header,
      byte[] input,
      int offset) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding"); // not thread-safe: one per call
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(header);
      cipher.updateAAD(sha256.getBytes(StandardCharsets.US_ASCII));
      return cipher.doFinal(input, offset, input.length - offset);
    } catch (AEADBadTagException e) {
      throw new AuthenticationFailed();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is part of every JDK: " + e, e);
    }
  }

  /** Kept inside this class: callers see {@link BlobException.Corrupt}. */
  private static final class AuthenticationFailed extends RuntimeException {
    AuthenticationFailed() {
      super(null, null, false, false);
    }
  }
}
