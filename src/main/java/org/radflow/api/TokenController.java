package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.radflow.access.ApiToken;
import org.radflow.access.CredentialRefused;
import org.radflow.access.IssuedToken;
import org.radflow.access.Role;
import org.radflow.access.Tokens;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** API tokens for integrations and scripts: issued with their secret once, listed, revoked. */
@RestController
@Tag(name = "Access")
class TokenController {

  /** Body of {@code POST /api/v1/tokens}. */
  record TokenRequest(
      @Schema(example = "ris-interface", requiredMode = Schema.RequiredMode.REQUIRED) String name,
      @Schema(example = "[\"integration\"]", requiredMode = Schema.RequiredMode.REQUIRED)
          List<String> roles,
      @Schema(description = "usable until then (ISO-8601); for ever when absent")
          Instant expiresAt) {}

  /** A token as listed: never its secret. */
  record TokenView(
      UUID id,
      String name,
      List<String> roles,
      Instant createdAt,
      String createdBy,
      Instant expiresAt,
      Instant revokedAt) {
    static TokenView of(ApiToken t) {
      return new TokenView(
          t.id(),
          t.name(),
          slugs(t.roles()),
          t.createdAt(),
          t.createdBy(),
          t.expiresAt(),
          t.revokedAt());
    }
  }

  /** A token just issued: the secret is in this answer and nowhere else. */
  record IssuedView(UUID id, String name, List<String> roles, Instant expiresAt, String secret) {}

  private final Tokens tokens;

  TokenController(Tokens tokens) {
    this.tokens = tokens;
  }

  @Allowed.Admin
  @PostMapping("/api/v1/tokens")
  @Operation(
      summary = "Issue an API token (audited)",
      description =
          "The secret is in this answer only: radflow keeps its SHA-256. Send it as"
              + " 'Authorization: Bearer <secret>'.")
  ResponseEntity<IssuedView> issue(@RequestBody TokenRequest body, Principal caller) {
    IssuedToken issued =
        refusedAsProblem(
            () ->
                tokens.issue(body.name(), roles(body.roles()), body.expiresAt(), caller.getName()));
    ApiToken token = issued.token();
    return ResponseEntity.created(URI.create("/api/v1/tokens/" + token.id()))
        .body(
            new IssuedView(
                token.id(),
                token.name(),
                slugs(token.roles()),
                token.expiresAt(),
                issued.secret()));
  }

  @Allowed.Admin
  @GetMapping("/api/v1/tokens")
  @Operation(summary = "Every token, newest first, revoked ones included; never a secret")
  List<TokenView> list() {
    return tokens.all().stream().map(TokenView::of).toList();
  }

  @Allowed.Admin
  @DeleteMapping("/api/v1/tokens/{id}")
  @Operation(summary = "Revoke a token at once (audited)")
  ResponseEntity<Void> revoke(@PathVariable String id, Principal caller) {
    UUID token;
    try {
      token = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.INVALID_PARAMETER, "'" + id + "' is not a token id (a UUID)")
          .with("parameter", "id");
    }
    if (!tokens.revoke(token, caller.getName())) {
      throw new ApiProblem(
          ProblemType.NO_SUCH_RESOURCE, "no token " + id + " that is not revoked already");
    }
    return ResponseEntity.noContent().build();
  }

  static Set<Role> roles(List<String> names) {
    if (names == null) {
      throw new ApiProblem(ProblemType.INVALID_FIELD, "roles must name at least one role")
          .with("field", "roles");
    }
    try {
      return Role.of(names);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.UNKNOWN_VALUE, e.getMessage())
          .with("field", "roles")
          .with("allowedValues", slugs(Role.all()));
    }
  }

  static List<String> slugs(Set<Role> roles) {
    return roles.stream().sorted().map(Role::slug).toList();
  }

  /** Runs {@code action}; a refusal becomes a 400 naming the field. */
  static <T> T refusedAsProblem(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (CredentialRefused e) {
      throw new ApiProblem(ProblemType.INVALID_FIELD, e.getMessage()).with("field", e.field());
    }
  }
}
