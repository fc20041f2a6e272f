package org.radflow.access;

/** Why a token or user was not created or changed, naming the field, in words for the requester. */
public final class CredentialRefused extends RuntimeException {

  private final String field;

  CredentialRefused(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
