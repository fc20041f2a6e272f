package org.radflow.db;

/**
 * A fault of the database, never a business outcome. {@link Kind#UNAVAILABLE} and {@link
 * Kind#CONTENDED} mean the caller may retry; nothing was committed.
 */
public class StoreException extends RuntimeException {

  public enum Kind {
    /** The database could not be reached or refused the connection. */
    UNAVAILABLE,
    /** Lock or serialization contention outlasted the store's own retries. */
    CONTENDED,
    /** Anything else: a bug or a broken schema. */
    FAILED
  }

  private final Kind kind;

  public StoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isRetryable() {
    return kind != Kind.FAILED;
  }
}
