package org.radflow.access;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Console users: created by an admin (with a password chosen for them, or one generated and shown
 * once), locked for a while after repeated failed sign-ins, unlocked, disabled.
 */
public final class Users {

  /** How many failed sign-ins in a row lock an account, and for how long. */
  public record Lockout(int maxFailures, Duration lockFor) {
    public static Lockout defaults() {
      return new Lockout(5, Duration.ofMinutes(15));
    }
  }

  /** A user just created, with the generated password when none was given. */
  public record Created(ConsoleUser user, String generatedPassword) {}

  static final int MIN_PASSWORD_LENGTH = 12;
  static final int MAX_PASSWORD_BYTES = 72;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserStore store;
  private final PasswordEncoder encoder;
  private final Lockout lockout;
  private final Clock clock;

  public Users(UserStore store, PasswordEncoder encoder, Lockout lockout, Clock clock) {
    this.store = store;
    this.encoder = encoder;
    this.lockout = lockout;
    this.clock = clock;
  }

  /** Creates {@code username} with {@code roles}; a password is generated when none is given. */
  public Created create(String username, Set<Role> roles, String password, String actor) {
    if (username == null || !NAME.matcher(username).matches()) {
      throw new CredentialRefused(
          "username", "username must be 1 to 64 lower-case letters, digits, '.', '_', '@' or '-'");
    }
    if (roles == null || roles.isEmpty()) {
      throw new CredentialRefused("roles", "roles must name at least one role");
    }
    String chosen = password == null ? generatePassword() : checked(password);
    ConsoleUser user =
        new ConsoleUser(
            username, encoder.encode(chosen), roles, 0, null, clock.instant(), actor, null);
    if (!store.add(user)) {
      throw new CredentialRefused("username", "a user named '" + username + "' exists");
    }
    return new Created(user, password == null ? chosen : null);
  }

  public Optional<ConsoleUser> find(String username) {
    return store.find(username);
  }

  public List<ConsoleUser> all() {
    return store.all();
  }

  /** A failed sign-in; returns whether it locked the account. */
  public boolean failed(String username) {
    return store.failed(username, lockout.maxFailures(), clock.instant().plus(lockout.lockFor()));
  }

  public void succeeded(String username) {
    store.succeeded(username);
  }

  public boolean setPassword(String username, String password, String actor) {
    return store.setPassword(username, encoder.encode(checked(password)), actor, clock.instant());
  }

  public boolean unlock(String username, String actor) {
    return store.unlock(username, actor, clock.instant());
  }

  public boolean disable(String username, String actor) {
    return store.disable(username, actor, clock.instant());
  }

  public Instant now() {
    return clock.instant();
  }

  private static String checked(String password) {
    // bcrypt reads at most 72 bytes and the encoder refuses more, so the limit is in bytes
    int bytes = password.getBytes(StandardCharsets.UTF_8).length;
    if (password.length() < MIN_PASSWORD_LENGTH || bytes > MAX_PASSWORD_BYTES) {
      throw new CredentialRefused(
          "password",
          "password must be "
              + MIN_PASSWORD_LENGTH
              + " characters to "
              + MAX_PASSWORD_BYTES
              + " bytes (UTF-8); a long phrase is best");
    }
    return password;
  }

  /** 24 characters of base64url: 144 random bits. */
  static String generatePassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
