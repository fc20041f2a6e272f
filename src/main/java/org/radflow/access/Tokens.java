package org.radflow.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Issues, checks and revokes API tokens. */
public final class Tokens {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final TokenStore store;
  private final Clock clock;

  public Tokens(TokenStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Issues a token named {@code name} with {@code roles}, usable until {@code expiresAt} (for ever
   * when null), on {@code actor}'s request.
   */
  public IssuedToken issue(String name, Set<Role> roles, Instant expiresAt, String actor) {
    Instant now = clock.instant();
    if (name == null || !NAME.matcher(name).matches()) {
      throw new CredentialRefused(
          "name",
          "name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (roles == null || roles.isEmpty()) {
      throw new CredentialRefused("roles", "roles must name at least one role");
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new CredentialRefused("expiresAt", "expiresAt must be in the future");
    }
    String secret = TokenSecrets.generate();
    ApiToken token = new ApiToken(UUID.randomUUID(), name, roles, now, actor, expiresAt, null);
    if (!store.add(token, TokenSecrets.hash(secret))) {
      throw new CredentialRefused(
          "name", "a token named '" + name + "' exists; revoke it first or choose another name");
    }
    return new IssuedToken(token, secret);
  }

  /**
   * The usable token whose secret is {@code secret}, or empty. A token found is remembered for
   * {@link #REMEMBERED}, so a busy integration does not cost a database read per request; a
   * revocation on this node forgets it at once, on another node within that time.
   */
  public Optional<ApiToken> authenticate(String secret) {
    if (secret == null || !secret.startsWith(TokenSecrets.PREFIX) || secret.length() > 128) {
      return Optional.empty();
    }
    byte[] presented = TokenSecrets.hash(secret);
    Instant now = clock.instant();
    String key = HexFormat.of().formatHex(presented);
    Remembered known = remembered.get(key);
    if (known != null && now.isBefore(known.until()) && known.token().usableAt(now)) {
      return Optional.of(known.token());
    }
    Optional<ApiToken> found =
        store
            .bySecretHash(presented)
            .filter(stored -> TokenSecrets.same(stored.secretHash(), presented))
            .map(TokenStore.Stored::token)
            .filter(token -> token.usableAt(now));
    if (found.isPresent()) {
      if (remembered.size() >= MAX_REMEMBERED) {
        remembered.clear();
      }
      remembered.put(key, new Remembered(found.get(), now.plus(REMEMBERED)));
    } else {
      remembered.remove(key);
    }
    return found;
  }

  /** How long a token found stays trusted without reading it again. */
  static final Duration REMEMBERED = Duration.ofSeconds(5);

  private static final int MAX_REMEMBERED = 10_000;

  private record Remembered(ApiToken token, Instant until) {}

  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  public List<ApiToken> all() {
    return store.all();
  }

  public Optional<ApiToken> named(String name) {
    return store.all().stream()
        .filter(t -> t.name().equals(name) && t.revokedAt() == null)
        .findFirst();
  }

  /** Revokes token {@code id}; false when there is none or it was revoked already. */
  public boolean revoke(UUID id, String actor) {
    remembered.values().removeIf(known -> known.token().id().equals(id));
    return store.revoke(id, actor, clock.instant());
  }
}
