package org.radflow.blob;

/**
 * Retained payloads encrypted at rest: AES-256-GCM under the keyring's active key, in the {@link
 * Envelope} format, kept by a {@link BlobBackend} (the file system or S3).
 *
 * <p>A blob is still named by the SHA-256 of its plaintext. The same content is therefore one blob
 * whichever key encrypted it, and references stay valid across key rotation. The backend stores the
 * ciphertext under that name without checking it (it could not: ciphertext does not hash to the
 * plaintext's name); this store does the checking instead, twice: GCM authentication refuses
 * altered bytes, and the decrypted content must hash to its name.
 */
public final class EncryptingBlobStore implements BlobStore, AutoCloseable {

  private final BlobBackend backend;
  private final BlobKeys keys;

  public EncryptingBlobStore(BlobBackend backend, BlobKeys keys) {
    this.backend = backend;
    this.keys = keys;
  }

  @Override
  public BlobRef put(byte[] content) {
    BlobRef ref = BlobRef.of(content);
    writeIfMissing(ref, content);
    return ref;
  }

  /**
   * Stores the content as {@link #put} does and says which key sealed it, without reading back what
   * it just wrote: the active key, unless the same content was stored before under another.
   */
  public Sealed putSealed(byte[] content) {
    BlobRef ref = BlobRef.of(content);
    return writeIfMissing(ref, content)
        ? new Sealed(ref.sha256(), keys.activeId(), content.length)
        : sealed(ref.sha256());
  }

  /** Whether the content was written now (it was not stored yet, under any key). */
  private boolean writeIfMissing(BlobRef ref, byte[] content) {
    if (backend.exists(ref.sha256())) { // already stored, perhaps under an older key: still valid
      return false;
    }
    backend.write(
        ref.sha256(), Envelope.seal(ref.sha256(), content, keys.activeId(), keys.active()));
    return true;
  }

  /**
   * @throws BlobException.MissingKey when the blob was encrypted under a key not in the keyring
   */
  @Override
  public byte[] get(String sha256) {
    byte[] stored = backend.read(BlobRef.requireName(sha256));
    return Sha256.verified(sha256, Envelope.open(sha256, stored, keys));
  }

  @Override
  public boolean exists(String sha256) {
    return backend.exists(BlobRef.requireName(sha256));
  }

  @Override
  public void delete(String sha256) {
    backend.delete(BlobRef.requireName(sha256));
  }

  /** A stored blob's key id and plaintext size, read from its stored form without decrypting. */
  public record Sealed(String sha256, String keyId, int size) {}

  /**
   * @throws BlobException.NotFound when no blob has that hash
   */
  public Sealed sealed(String sha256) {
    byte[] stored = backend.read(BlobRef.requireName(sha256));
    return new Sealed(sha256, Envelope.keyId(stored), Envelope.plaintextSize(stored));
  }

  @Override
  public void ping() {
    backend.ping();
  }

  @Override
  public String describe() {
    return backend.describe() + " (AES-256-GCM, active key " + keys.activeId() + ")";
  }

  /** Closes the backend when it holds resources (an S3 client). */
  @Override
  public void close() throws Exception {
    if (backend instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
