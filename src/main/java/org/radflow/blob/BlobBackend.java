package org.radflow.blob;

/**
 * Where a blob store keeps bytes: under a name the caller chooses (the SHA-256 of the content the
 * caller was given), with no check here that the bytes hash to that name.
 *
 * <p>This is the seam for stores that keep something other than the content itself. {@link
 * EncryptingBlobStore} keeps ciphertext under the plaintext's hash, so a reference stays the same
 * whichever key encrypted it, and checks the plaintext after decrypting. A store that keeps the
 * content as it is ({@link ContentAddressedStore}) checks the bytes themselves.
 */
public interface BlobBackend {

  /**
   * Stores the bytes under the name, durably before it returns. Writers of the same name write the
   * same content (perhaps encrypted differently), so whichever copy remains is right.
   *
   * @throws BlobException.Unavailable when the storage fails
   */
  void write(String sha256, byte[] bytes);

  /**
   * The bytes stored under the name, as stored.
   *
   * @throws BlobException.NotFound when nothing is stored under it
   * @throws BlobException.Unavailable when the storage fails
   */
  byte[] read(String sha256);

  /**
   * Removes what is stored under the name; nothing stored is not an error (a purge may run twice).
   *
   * @throws BlobException.Unavailable when the storage fails
   */
  void delete(String sha256);

  /** Whether anything is stored under the name. */
  boolean exists(String sha256);

  /**
   * Checks that the storage answers and can be written to.
   *
   * @throws BlobException.Unavailable when it cannot
   */
  void ping();

  /** Where the bytes are, for messages and health: a directory, {@code s3://bucket/prefix}. */
  String describe();
}
