package org.radflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.radflow.access.ConsoleUser;
import org.radflow.access.Users;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Console users: created, listed, given a new password, unlocked, disabled. All audited. */
@RestController
@Tag(name = "Access")
class UserController {

  /** Body of {@code POST /api/v1/users}. */
  record UserRequest(
      @Schema(example = "j.smith", requiredMode = Schema.RequiredMode.REQUIRED) String username,
      @Schema(example = "[\"operator\"]", requiredMode = Schema.RequiredMode.REQUIRED)
          List<String> roles,
      @Schema(
              description =
                  "12 characters to 72 bytes (UTF-8); generated and answered once when absent")
          String password) {}

  /** Body of {@code PUT /api/v1/users/{username}/password}. */
  record PasswordRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String password) {}

  /** A user as listed: never the password or its hash. */
  record UserView(
      String username,
      List<String> roles,
      boolean locked,
      int failedAttempts,
      Instant lockedUntil,
      Instant createdAt,
      String createdBy,
      Instant disabledAt) {
    static UserView of(ConsoleUser u, Instant now) {
      return new UserView(
          u.username(),
          TokenController.slugs(u.roles()),
          u.lockedAt(now),
          u.failedAttempts(),
          u.lockedUntil(),
          u.createdAt(),
          u.createdBy(),
          u.disabledAt());
    }
  }

  /** A user just created, with the generated password when none was chosen. */
  record CreatedView(UserView user, String generatedPassword) {}

  private final Users users;

  UserController(Users users) {
    this.users = users;
  }

  @Allowed.Admin
  @PostMapping("/api/v1/users")
  @Operation(summary = "Create a console user (audited)")
  ResponseEntity<CreatedView> create(@RequestBody UserRequest body, Principal caller) {
    Users.Created created =
        TokenController.refusedAsProblem(
            () ->
                users.create(
                    body.username(),
                    TokenController.roles(body.roles()),
                    body.password(),
                    caller.getName()));
    return ResponseEntity.created(URI.create("/api/v1/users/" + created.user().username()))
        .body(
            new CreatedView(UserView.of(created.user(), users.now()), created.generatedPassword()));
  }

  @Allowed.Admin
  @GetMapping("/api/v1/users")
  @Operation(summary = "Every console user, by username")
  List<UserView> list() {
    return users.all().stream().map(u -> UserView.of(u, users.now())).toList();
  }

  @Allowed.Admin
  @PutMapping("/api/v1/users/{username}/password")
  @Operation(summary = "Set a user's password; also unlocks the account (audited)")
  ResponseEntity<Void> password(
      @PathVariable String username, @RequestBody PasswordRequest body, Principal caller) {
    String password = body.password() == null ? "" : body.password();
    found(
        username,
        TokenController.refusedAsProblem(
            () -> users.setPassword(username, password, caller.getName())));
    return ResponseEntity.noContent().build();
  }

  @Allowed.Admin
  @PostMapping("/api/v1/users/{username}/unlock")
  @Operation(summary = "Unlock an account locked by failed sign-ins (audited)")
  ResponseEntity<Void> unlock(@PathVariable String username, Principal caller) {
    found(username, users.unlock(username, caller.getName()));
    return ResponseEntity.noContent().build();
  }

  @Allowed.Admin
  @DeleteMapping("/api/v1/users/{username}")
  @Operation(summary = "Disable a user for good; kept for the audit (audited)")
  ResponseEntity<Void> disable(@PathVariable String username, Principal caller) {
    found(username, users.disable(username, caller.getName()));
    return ResponseEntity.noContent().build();
  }

  private static void found(String username, boolean changed) {
    if (!changed) {
      throw new ApiProblem(ProblemType.NO_SUCH_RESOURCE, "no enabled user '" + username + "'");
    }
  }
}
