package org.radflow.blob;

/**
 * Content-addressed storage. {@link #put} is idempotent: the same content is stored once and always
 * gets the same reference. {@link #get} checks the content against its hash and refuses content
 * that does not match.
 */
public interface BlobStore {

  /**
   * Stores the content (durably, before it returns) and returns its reference. Safe to call at the
   * same time from several threads or nodes with the same content.
   *
   * @throws BlobException.Unavailable when the storage fails
   */
  BlobRef put(byte[] content);

  /**
   * The content of a blob, checked against its hash.
   *
   * @throws BlobException.NotFound when no blob has that hash
   * @throws BlobException.Corrupt when the stored bytes no longer match their hash
   * @throws BlobException.Unavailable when the storage fails
   */
  byte[] get(String sha256);

  boolean exists(String sha256);

  /**
   * Removes a blob for good (a retained request past its retention); removing a blob that is not
   * there is not an error. Only for blobs one owner references: content-addressed blobs are shared
   * by everything that stored the same content.
   *
   * @throws BlobException.Unavailable when the storage fails
   */
  void delete(String sha256);

  /**
   * Checks that the storage answers and can be written to, for health.
   *
   * @throws BlobException.Unavailable when it cannot
   */
  void ping();

  /** Where the blobs are, for messages and health. */
  String describe();
}
