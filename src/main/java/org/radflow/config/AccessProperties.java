package org.radflow.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How people and systems sign in ({@code RADFLOW_ACCESS_*} and {@code RADFLOW_OIDC_*}).
 *
 * @param lockoutFailures failed sign-ins in a row that lock a console account (default 5)
 * @param lockoutFor how long a locked account stays locked (default 15 minutes)
 * @param throttleFailures failed authentications a source address may have per period before it is
 *     answered 429 (default 10)
 * @param throttlePeriod that period (default 1 minute)
 * @param oidc an OpenID Connect issuer, when people sign in through one
 */
@ConfigurationProperties("radflow.access")
public record AccessProperties(
    Integer lockoutFailures,
    Duration lockoutFor,
    Integer throttleFailures,
    Duration throttlePeriod,
    Oidc oidc) {

  /**
   * {@code RADFLOW_ACCESS_OIDC_ISSUER} (also read as {@code RADFLOW_OIDC_ISSUER}): its JWTs are
   * accepted as bearer tokens, validated against its JWKS, and the console signs in through it.
   *
   * @param issuer the issuer URI; OIDC is off without it
   * @param clientId the console's client at the issuer (for the sign-in flow)
   * @param clientSecret its secret
   * @param rolesClaim the claim that carries radflow's role names (default {@code roles}); a dotted
   *     path reaches into objects, e.g. {@code realm_access.roles}
   * @param usernameClaim the claim the audit names the person by (default {@code
   *     preferred_username})
   * @param audience when set, a bearer JWT must name it in {@code aud}
   */
  public record Oidc(
      String issuer,
      String clientId,
      String clientSecret,
      String rolesClaim,
      String usernameClaim,
      String audience) {
    public Oidc {
      rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
      usernameClaim =
          usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
    }

    public boolean enabled() {
      return issuer != null && !issuer.isBlank();
    }
  }

  public AccessProperties {
    lockoutFailures = lockoutFailures == null ? 5 : lockoutFailures;
    lockoutFor = lockoutFor == null ? Duration.ofMinutes(15) : lockoutFor;
    throttleFailures = throttleFailures == null ? 10 : throttleFailures;
    throttlePeriod = throttlePeriod == null ? Duration.ofMinutes(1) : throttlePeriod;
    oidc = oidc == null ? new Oidc(null, null, null, null, null, null) : oidc;
  }
}
