package org.radflow.api;

import java.util.Set;
import java.util.UUID;
import org.radflow.access.IssuedToken;
import org.radflow.access.Role;
import org.radflow.access.Tokens;

/** Real API tokens, issued by the running application's own token service, for tests. */
public final class TestTokens {

  private TestTokens() {}

  /** A token holding every role, named for nobody in particular. */
  public static IssuedToken allRoles(Tokens tokens) {
    return with(tokens, Role.all());
  }

  public static IssuedToken with(Tokens tokens, Set<Role> roles) {
    return tokens.issue("test-" + UUID.randomUUID(), roles, null, "test");
  }
}
