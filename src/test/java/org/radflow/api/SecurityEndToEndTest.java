package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Real credentials over real HTTP: the files first start writes, a token issued, used, listed and
 * revoked through the API, the audit naming the token's owner whatever the body claims, and a
 * console user locked by failed sign-ins and unlocked by an admin.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "radflow.orchestration.enabled=false",
      "radflow.mllp.port=0",
      "radflow.access.lockout-failures=3",
      // the lockout test fails on purpose: not enough to throttle this test's own address
      "radflow.access.throttle-failures=1000"
    })
class SecurityEndToEndTest {

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) {
    registry.add("radflow.home", () -> home.toString());
  }

  @LocalServerPort int port;
  Api admin;

  @BeforeEach
  void signInAsTheFirstStartAdmin() throws Exception {
    admin = new Api(port, Files.readString(home.resolve("admin-token")).strip());
  }

  @Test
  void firstStartWritesTheAdminTokenAndPasswordReadableByTheirOwnerOnly() throws Exception {
    for (String name : new String[] {"admin-token", "admin-password"}) {
      Path file = home.resolve(name);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(name)
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(home.resolve("admin-token"))).startsWith("rfk_");
    assertThat(admin.get("/api/v1/tokens").status()).isEqualTo(200);
    String password = Files.readString(home.resolve("admin-password")).strip();
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    assertThat(
            new Api(port).get("/api/v1/users", "Authorization", basic("admin", password)).status())
        .isEqualTo(200);
  }

  @Test
  void aTokenIsIssuedOnceUsedListedWithoutItsSecretAndRevoked() {
    Api.Response issued =
        admin.post("/api/v1/tokens", "{\"name\": \"ris-e2e\", \"roles\": [\"integration\"]}");
    assertThat(issued.status()).as(issued.text()).isEqualTo(201);
    String id = issued.json().path("id").asString();
    String secret = issued.json().path("secret").asString();
    assertThat(secret).startsWith("rfk_").hasSizeGreaterThan(40);
    Api ris = new Api(port, secret);

    Api.Response opened =
        ris.post("/api/v1/studies", Bodies.openStudy(Bodies.uniqueAuthority(), "E2E-1", "P1"));
    assertThat(opened.status()).as(opened.text()).isEqualTo(201);
    String study = opened.json().path("id").asString();
    JsonNode created = admin.get("/api/v1/studies/" + study + "/history").json().path("entries");
    assertThat(created.get(0).path("creation").path("actor").asString()).isEqualTo("token:ris-e2e");
    ris.get("/api/v1/tokens").problem(403, "forbidden");

    Api.Response listed = admin.get("/api/v1/tokens");
    assertThat(listed.text()).contains("ris-e2e").doesNotContain(secret);
    admin
        .post("/api/v1/tokens", "{\"name\": \"ris-e2e\", \"roles\": [\"viewer\"]}")
        .problem(400, "invalid-field");
    admin
        .post("/api/v1/tokens", "{\"name\": \"x\", \"roles\": [\"superuser\"]}")
        .problem(400, "unknown-value");

    assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
    ris.get("/api/v1/studies").problem(401, "unauthenticated");
    new Api(port, "rfk_not-a-token").get("/api/v1/studies").problem(401, "unauthenticated");
  }

  @Test
  void theAuditNamesTheTokensOwnerAndABodyCannotNameAnother() {
    String secret =
        admin
            .post("/api/v1/tokens", "{\"name\": \"ops-desk\", \"roles\": [\"admin\"]}")
            .json()
            .path("secret")
            .asString();
    Api desk = new Api(port, secret);

    desk.send(
            "PUT",
            "/api/v1/services/identity/release-policy",
            "application/json",
            "{\"mode\": \"MANUAL\", \"actor\": \"dr.someone-else\"}")
        .problem(400, "invalid-field");
    Api.Response changed =
        desk.send(
            "PUT",
            "/api/v1/services/identity/release-policy",
            "application/json",
            "{\"mode\": \"MANUAL\"}");
    assertThat(changed.status()).as(changed.text()).isEqualTo(200);

    JsonNode audit = admin.get("/api/v1/audit?limit=20").json();
    assertThat(audit.findValuesAsString("actor")).contains("token:ops-desk");
    assertThat(audit.toString()).doesNotContain("dr.someone-else");
    // reading the audit is itself audited, as the reader
    assertThat(admin.get("/api/v1/audit?limit=5").json().findValuesAsString("action"))
        .contains("read-audit");
  }

  @Test
  void repeatedFailedSignInsLockAnAccountUntilAnAdminUnlocksIt() {
    Api.Response created =
        admin.post(
            "/api/v1/users",
            "{\"username\": \"j.smith\", \"roles\": [\"viewer\"],"
                + " \"password\": \"correct horse battery\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Api anonymous = new Api(port);
    String right = basic("j.smith", "correct horse battery");
    assertThat(anonymous.get("/api/v1/studies", "Authorization", right).status()).isEqualTo(200);

    for (int i = 0; i < 3; i++) {
      anonymous
          .get("/api/v1/studies", "Authorization", basic("j.smith", "wrong " + i))
          .problem(401, "unauthenticated");
    }
    anonymous.get("/api/v1/studies", "Authorization", right).problem(401, "unauthenticated");
    JsonNode users = admin.get("/api/v1/users").json();
    assertThat(users.toString()).contains("\"locked\":true").doesNotContain("horse");

    assertThat(admin.post("/api/v1/users/j.smith/unlock", "{}").status()).isEqualTo(204);
    assertThat(anonymous.get("/api/v1/studies", "Authorization", right).status()).isEqualTo(200);
  }

  @Test
  void aPasswordLongerThanBcryptReadsIsRefusedNotCutShort() {
    String body = "{\"username\": \"%s\", \"roles\": [\"viewer\"], \"password\": \"%s\"}";
    assertThat(admin.post("/api/v1/users", body.formatted("long.a", "x".repeat(72))).status())
        .isEqualTo(201);
    admin
        .post("/api/v1/users", body.formatted("long.b", "x".repeat(73)))
        .problem(400, "invalid-field");
    // 37 characters, 74 bytes in UTF-8
    admin
        .post("/api/v1/users", body.formatted("long.c", "\u00e9".repeat(37)))
        .problem(400, "invalid-field");
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
