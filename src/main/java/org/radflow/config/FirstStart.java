package org.radflow.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.radflow.access.CredentialRefused;
import org.radflow.access.Role;
import org.radflow.access.Tokens;
import org.radflow.access.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a database that has no admin yet: an admin API token in {@code $RADFLOW_HOME/admin-token} and
 * the console user {@code admin}'s password in {@code $RADFLOW_HOME/admin-password}, each file
 * readable by its owner only and created before the secret is written into it. The log says where
 * they are, never what they hold. Both hold every role, so a newcomer can do everything; an admin
 * then issues narrower tokens and accounts.
 */
final class FirstStart {

  static final String ADMIN = "admin";
  static final String TOKEN_FILE = "admin-token";
  static final String PASSWORD_FILE = "admin-password";

  private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

  private FirstStart() {}

  static void run(Path home, Tokens tokens, Users users) {
    try {
      createAdmin(home, tokens, users);
    } catch (CredentialRefused raced) {
      // another node on the same database made the admin first: its home has the files
      log.info("first start: the admin was created by another node ({})", raced.getMessage());
    }
  }

  private static void createAdmin(Path home, Tokens tokens, Users users) {
    if (tokens.named(ADMIN).isEmpty()) {
      write(
          home.resolve(TOKEN_FILE),
          tokens.issue(ADMIN, Role.all(), null, "radflow first start").secret());
      log.info("first start: the admin API token is in {}", home.resolve(TOKEN_FILE));
    }
    if (users.find(ADMIN).isEmpty()) {
      Users.Created admin = users.create(ADMIN, Role.all(), null, "radflow first start");
      write(home.resolve(PASSWORD_FILE), admin.generatedPassword());
      log.info(
          "first start: the console password of user {} is in {}",
          ADMIN,
          home.resolve(PASSWORD_FILE));
    }
  }

  /** Replaces {@code file} with {@code secret}, the file made owner-only before it is written. */
  private static void write(Path file, String secret) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(
          file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException raced) {
      throw new IllegalStateException(file + " appeared while radflow was writing it", raced);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
