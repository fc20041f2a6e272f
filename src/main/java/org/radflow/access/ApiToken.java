package org.radflow.access;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An API token as stored: never its secret, only what it may do and for how long. */
public record ApiToken(
    UUID id,
    String name,
    Set<Role> roles,
    Instant createdAt,
    String createdBy,
    Instant expiresAt,
    Instant revokedAt) {

  public ApiToken {
    roles = Set.copyOf(roles);
  }

  /** Whether the token may be used at {@code now}: not revoked, not expired. */
  public boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** The name the audit gives whoever acts with this token. */
  public String principal() {
    return "token:" + name;
  }
}
