package org.radflow.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where API tokens live: each by the hash of its secret, never the secret. */
public interface TokenStore {

  /**
   * Stores {@code token} under {@code secretHash}, audited as its creator's action; false when an
   * unrevoked token already has its name.
   */
  boolean add(ApiToken token, byte[] secretHash);

  /** A token with the hash stored for it. */
  record Stored(ApiToken token, byte[] secretHash) {}

  /**
   * The token whose secret hashes to {@code secretHash}, revoked or not, with the stored hash for
   * the caller to compare in constant time.
   */
  Optional<Stored> bySecretHash(byte[] secretHash);

  /** Every token, newest first, revoked ones included. */
  List<ApiToken> all();

  /**
   * Revokes token {@code id} at {@code at}, audited as {@code actor}'s action; false when there is
   * no such token or it was revoked already.
   */
  boolean revoke(UUID id, String actor, Instant at);
}
