package org.radflow.hl7;

/**
 * A message radflow cannot process as sent: answered AR with {@link #getMessage()}, which says what
 * to fix, and kept as a dead letter.
 */
final class Unprocessable extends Exception {

  private final Hl7Rejection rejection;

  Unprocessable(Hl7Rejection rejection, String reason) {
    super(reason, null, false, false);
    this.rejection = rejection;
  }

  Hl7Rejection rejection() {
    return rejection;
  }
}
