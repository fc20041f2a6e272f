package org.radflow.access.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.radflow.access.ApiToken;
import org.radflow.access.ConsoleUser;
import org.radflow.access.Role;
import org.radflow.access.TokenStore;
import org.radflow.access.UserStore;
import org.radflow.db.StoreOnFreshDatabase;

/** The clauses of {@link TokenStore} and {@link UserStore}, on every database by a subclass. */
abstract class AccessStoreContractTest extends StoreOnFreshDatabase {

  static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  TokenStore tokens() {
    return stores.tokens();
  }

  UserStore users() {
    return stores.users();
  }

  static ApiToken token(String name, Role... roles) {
    return new ApiToken(UUID.randomUUID(), name, Set.of(roles), T0, "admin", null, null);
  }

  @Test
  void aTokenIsFoundByTheHashOfItsSecretOnlyAndIssuingIsAudited() {
    ApiToken ris = token("ris", Role.INTEGRATION, Role.VIEWER);
    assertThat(tokens().add(ris, new byte[] {1, 2, 3})).isTrue();

    TokenStore.Stored found = tokens().bySecretHash(new byte[] {1, 2, 3}).orElseThrow();
    assertThat(found.token()).isEqualTo(ris);
    assertThat(found.secretHash()).containsExactly(1, 2, 3);
    assertThat(tokens().bySecretHash(new byte[] {1, 2, 4})).isEmpty();
    assertThat(stores.audit().actions(null, 10))
        .extracting(a -> a.actor() + " " + a.action() + " " + a.outcome())
        .containsExactly("admin issue-token ISSUED");
  }

  @Test
  void aNameIsTakenOnlyWhileItsTokenIsNotRevoked() {
    ApiToken first = token("ci", Role.VIEWER);
    assertThat(tokens().add(first, new byte[] {1})).isTrue();
    assertThat(tokens().add(token("ci", Role.ADMIN), new byte[] {2})).isFalse();

    assertThat(tokens().revoke(first.id(), "admin", T0.plusSeconds(1))).isTrue();
    assertThat(tokens().revoke(first.id(), "admin", T0.plusSeconds(2))).isFalse();
    assertThat(tokens().bySecretHash(new byte[] {1}).orElseThrow().token().revokedAt())
        .isEqualTo(T0.plusSeconds(1));
    assertThat(tokens().add(token("ci", Role.VIEWER), new byte[] {3})).isTrue();
    assertThat(tokens().all()).hasSize(2);
  }

  @Test
  void failedSignInsLockAtTheLimitAndASuccessOrAnUnlockStartsAgain() {
    users().add(new ConsoleUser("j", "{noop}x", Set.of(Role.VIEWER), 0, null, T0, "admin", null));
    Instant until = T0.plusSeconds(900);

    assertThat(users().failed("j", 3, until)).isFalse();
    users().succeeded("j");
    assertThat(users().failed("j", 3, until)).isFalse();
    assertThat(users().failed("j", 3, until)).isFalse();
    assertThat(users().failed("j", 3, until)).isTrue();
    ConsoleUser locked = users().find("j").orElseThrow();
    assertThat(locked.lockedAt(T0)).isTrue();
    assertThat(locked.lockedAt(until)).isFalse();

    assertThat(users().unlock("j", "admin", T0)).isTrue();
    assertThat(users().find("j").orElseThrow().failedAttempts()).isZero();
    assertThat(users().failed("nobody", 3, until)).isFalse();
  }

  @Test
  void aDisabledUserStaysForTheAuditAndCannotBeChanged() {
    users().add(new ConsoleUser("k", "{noop}x", Set.of(Role.ADMIN), 0, null, T0, "admin", null));
    assertThat(users().add(new ConsoleUser("k", "{noop}y", Set.of(), 0, null, T0, "a", null)))
        .isFalse();

    assertThat(users().disable("k", "admin", T0)).isTrue();
    assertThat(users().find("k").orElseThrow().enabled()).isFalse();
    assertThat(users().setPassword("k", "{noop}z", "admin", T0)).isFalse();
    assertThat(users().all()).extracting(ConsoleUser::username).containsExactly("k");
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveAnAuditEntry() throws Exception {
    tokens().add(token("audited", Role.VIEWER), new byte[] {9});
    try (Connection c =
            DriverManager.getConnection(database.url(), database.user(), database.password());
        Statement sql = c.createStatement()) {
      assertThatThrownBy(() -> sql.executeUpdate("update operator_action set actor = 'someone'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> sql.executeUpdate("delete from operator_action"))
          .hasMessageContaining("append-only");
    }
    assertThat(stores.audit().actions(null, 10))
        .extracting(a -> a.actor())
        .containsExactly("admin");
  }
}
