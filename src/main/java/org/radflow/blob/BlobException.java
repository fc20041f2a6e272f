package org.radflow.blob;

/** A blob that cannot be read as asked, with what a person needs to act. */
public abstract sealed class BlobException extends RuntimeException {

  BlobException(String message, Throwable cause) {
    super(message, cause);
  }

  /** No blob with that hash. */
  public static final class NotFound extends BlobException {
    public NotFound(String sha256) {
      super("no blob sha256:" + sha256 + " in the blob store", null);
    }
  }

  /**
   * The stored bytes are not the blob they are named for: damaged or tampered with. {@code problem}
   * says how that showed, e.g. "its stored bytes hash to sha256:…".
   */
  public static final class Corrupt extends BlobException {
    public Corrupt(String sha256, String problem) {
      super(
          "blob sha256:" + sha256 + " is corrupt: " + problem + "; restore it from a backup", null);
    }
  }

  /**
   * The blob was encrypted under a key this node does not have: a configuration fault (a key
   * dropped from the keyring too early), not damage. The blob is readable again once the key is
   * back.
   */
  public static final class MissingKey extends BlobException {
    private final String keyId;

    public MissingKey(String sha256, String keyId) {
      super(
          "blob sha256:"
              + sha256
              + " is encrypted under key '"
              + keyId
              + "', which is not in this node's blob keys (RADFLOW_BLOB_KEYS); add that key back"
              + " to read it",
          null);
      this.keyId = keyId;
    }

    public String keyId() {
      return keyId;
    }
  }

  /** The store itself failed (disk, permissions, network). */
  public static final class Unavailable extends BlobException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
