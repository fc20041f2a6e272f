package org.radflow.access;

import java.time.Instant;
import java.util.Set;

/**
 * A person who signs in with a username and password: the password only as its encoder's hash, and
 * the failures that lock the account for a while.
 */
public record ConsoleUser(
    String username,
    String passwordHash,
    Set<Role> roles,
    int failedAttempts,
    Instant lockedUntil,
    Instant createdAt,
    String createdBy,
    Instant disabledAt) {

  public ConsoleUser {
    roles = Set.copyOf(roles);
  }

  public boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  public boolean enabled() {
    return disabledAt == null;
  }
}
