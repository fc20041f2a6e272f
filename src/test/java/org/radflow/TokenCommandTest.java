package org.radflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.access.Role;
import org.radflow.access.Tokens;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;

/**
 * {@code radflow token}: its answers to help and to mistakes, and the expiry it reads. The token it
 * issues is the token service's own; the database it opens is RADFLOW_HOME's, which a test cannot
 * set for its own process, so creation is proven on a database the test opens itself.
 */
class TokenCommandTest {

  @TempDir Path home;

  @Test
  void helpAndMistakesAreAnsweredWithTheUsage() {
    Run help = run("--help");
    assertThat(help.code).isZero();
    assertThat(help.out).contains("radflow token create --name NAME --role ROLE");
    Run nothing = run();
    assertThat(nothing.code).isEqualTo(2);
  }

  @Test
  void anExpiryIsADurationOrAnInstant() {
    assertThat(TokenCommand.expiry("2027-01-31T00:00:00Z").toString())
        .isEqualTo("2027-01-31T00:00:00Z");
    assertThat(TokenCommand.expiry("90d")).isAfter(java.time.Instant.now().plusSeconds(89 * 86400));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenCommand.expiry("soon"))
        .hasMessageContaining("--expires takes 90d, 12h or an instant");
  }

  @Test
  void aTokenIssuedOfflineIsUsableByTheTokenService() {
    try (Stores stores =
        Stores.open(Databases.sqliteUrl(home), null, null, 2, StoreSettings.defaults())) {
      Tokens tokens = new Tokens(stores.tokens(), Clock.systemUTC());
      String secret = tokens.issue("ci", java.util.Set.of(Role.VIEWER), null, "cli:test").secret();
      assertThat(tokens.authenticate(secret)).get().extracting(t -> t.name()).isEqualTo("ci");
      assertThat(tokens.authenticate(secret + "x")).isEmpty();
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TokenCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
