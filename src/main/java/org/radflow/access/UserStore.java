package org.radflow.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where console users live. Every change but a sign-in's bookkeeping is audited. */
public interface UserStore {

  /** Adds {@code user}, audited as its creator's action; false when the username is taken. */
  boolean add(ConsoleUser user);

  Optional<ConsoleUser> find(String username);

  /** Every user, by username. */
  List<ConsoleUser> all();

  /**
   * Counts a failed sign-in of {@code username}; the {@code maxFailures}-th in a row locks the
   * account until {@code lockUntil}. Returns whether this failure locked it.
   */
  boolean failed(String username, int maxFailures, Instant lockUntil);

  /** A successful sign-in: the count of failures starts again. */
  void succeeded(String username);

  /**
   * Replaces the password hash and unlocks the account, audited as {@code actor}'s action; false
   * when there is no such user.
   */
  boolean setPassword(String username, String passwordHash, String actor, Instant at);

  /** Unlocks the account, audited; false when there is no such user. */
  boolean unlock(String username, String actor, Instant at);

  /** Disables the account for good, audited; false when there is none or it was disabled. */
  boolean disable(String username, String actor, Instant at);
}
