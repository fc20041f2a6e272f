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

  /** The stored bytes do not hash to their name: damaged or tampered with. */
  public static final class Corrupt extends BlobException {
    public Corrupt(String sha256, String actual) {
      super(
          "blob sha256:"
              + sha256
              + " is corrupt: its stored bytes hash to sha256:"
              + actual
              + "; restore it from a backup",
          null);
    }
  }

  /** The store itself failed (disk, permissions, network). */
  public static final class Unavailable extends BlobException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
