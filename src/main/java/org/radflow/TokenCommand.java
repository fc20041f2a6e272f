package org.radflow;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.radflow.access.ApiToken;
import org.radflow.access.CredentialRefused;
import org.radflow.access.IssuedToken;
import org.radflow.access.Role;
import org.radflow.access.Tokens;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;

/**
 * {@code radflow token create|list|revoke}: API tokens for scripts, straight on the database the
 * server uses (the same RADFLOW_HOME or RADFLOW_DB_* settings), with no server running. The secret
 * alone goes to standard output, so {@code TOKEN=$(./radflow token create …)} captures it; what was
 * issued goes to standard error.
 */
final class TokenCommand {

  static final String USAGE =
      """
      usage: radflow token create --name NAME --role ROLE [--role ROLE ...] [--expires 90d|INSTANT]
             radflow token list
             radflow token revoke ID

      API tokens, on the database of RADFLOW_HOME (./data) or RADFLOW_DB_URL, RADFLOW_DB_USER and
      RADFLOW_DB_PASSWORD. create prints the secret alone on standard output, once: radflow keeps
      only its SHA-256. Roles: integration, viewer, operator, auditor, admin (docs/security.md).
      """;

  private TokenCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || RadflowMain.isHelp(args[0])) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    for (String arg : args) {
      if (RadflowMain.isHelp(arg)) {
        out.print(USAGE);
        return 0;
      }
    }
    try (Stores stores = open()) {
      Tokens tokens = new Tokens(stores.tokens(), Clock.systemUTC());
      String actor = "cli:" + System.getProperty("user.name", "unknown");
      return switch (args[0]) {
        case "create" -> create(tokens, args, actor, out, err);
        case "list" -> list(tokens, out);
        case "revoke" -> revoke(tokens, args, actor, err);
        default -> {
          err.println("radflow token: unknown subcommand '" + args[0] + "'");
          err.print(USAGE);
          yield 2;
        }
      };
    } catch (IllegalArgumentException | CredentialRefused e) {
      err.println("radflow token: " + e.getMessage());
      return 2;
    }
  }

  private static int create(
      Tokens tokens, String[] args, String actor, PrintStream out, PrintStream err) {
    String name = null;
    List<String> roles = new ArrayList<>();
    Instant expires = null;
    for (int i = 1; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--name" -> name = required(args[i], value);
        case "--role" -> roles.addAll(List.of(required(args[i], value).split(",")));
        case "--expires" -> expires = expiry(required(args[i], value));
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
      i++;
    }
    IssuedToken issued = tokens.issue(name, Role.of(roles), expires, actor);
    ApiToken token = issued.token();
    err.println(
        "issued token "
            + token.id()
            + " '"
            + token.name()
            + "' with roles "
            + token.roles()
            + (token.expiresAt() == null ? "" : ", until " + token.expiresAt())
            + "; the secret is printed once, below on standard output");
    out.println(issued.secret());
    return 0;
  }

  private static int list(Tokens tokens, PrintStream out) {
    for (ApiToken t : tokens.all()) {
      out.printf(
          "%s  %-24s %-40s %s%n",
          t.id(),
          t.name(),
          t.roles().stream().sorted().map(Role::slug).toList(),
          t.revokedAt() != null
              ? "revoked " + t.revokedAt()
              : t.expiresAt() != null ? "until " + t.expiresAt() : "");
    }
    return 0;
  }

  private static int revoke(Tokens tokens, String[] args, String actor, PrintStream err) {
    if (args.length != 2) {
      throw new IllegalArgumentException("revoke takes one token id");
    }
    if (!tokens.revoke(UUID.fromString(args[1]), actor)) {
      err.println("radflow token: no token " + args[1] + " that is not revoked already");
      return 1;
    }
    err.println("revoked " + args[1]);
    return 0;
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  /** {@code 90d}, {@code 12h} or an ISO-8601 instant. */
  static Instant expiry(String text) {
    try {
      if (text.matches("\\d+[dh]")) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        Duration d = text.endsWith("d") ? Duration.ofDays(n) : Duration.ofHours(n);
        return Instant.now().plus(d);
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--expires takes 90d, 12h or an instant such as 2027-01-31T00:00:00Z, not '"
              + text
              + "'");
    }
  }

  private static Stores open() {
    String url = System.getenv("RADFLOW_DB_URL");
    String home = System.getenv().getOrDefault("RADFLOW_HOME", "data");
    return Stores.open(
        url == null || url.isBlank() ? Databases.sqliteUrl(Path.of(home)) : url,
        System.getenv("RADFLOW_DB_USER"),
        System.getenv("RADFLOW_DB_PASSWORD"),
        2,
        StoreSettings.defaults());
  }
}
