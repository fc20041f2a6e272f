package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Signing in through a real OpenID Connect issuer started on this machine ({@link TestIssuer}): its
 * tokens are accepted with the roles and name their claims carry, tokens it did not sign or that no
 * longer hold are refused, and a person signs in to the console through its login page.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "radflow.orchestration.enabled=false",
      "radflow.mllp.port=0",
      "radflow.access.oidc.client-id=" + TestIssuer.CONSOLE_CLIENT,
      "radflow.access.oidc.client-secret=" + TestIssuer.SECRET + TestIssuer.CONSOLE_CLIENT,
      // refused tokens are refused on purpose: not enough to throttle this test's own address
      "radflow.access.throttle-failures=1000"
    })
class OidcSignInTest {

  @TempDir static Path home;
  private static TestIssuer issuer;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) {
    // radflow reads the issuer's discovery document as it starts, so the issuer starts first
    issuer = TestIssuer.start();
    registry.add("radflow.home", () -> home.toString());
    registry.add("radflow.access.oidc.issuer", issuer::url);
  }

  @AfterAll
  static void stopIssuer() {
    if (issuer != null) {
      issuer.close();
    }
  }

  @LocalServerPort int port;
  @Autowired ConfigurableApplicationContext context;

  @Test
  void anIssuedTokenIsAcceptedWithTheRolesOfItsClaimAndTheAuditNamesItsUser() {
    Api api = new Api(port, issuer.clientToken(TestIssuer.API_CLIENT));

    assertThat(api.get("/api/v1/studies").status()).isEqualTo(200);
    // operator and auditor, not admin
    api.post("/api/v1/tokens", "{\"name\": \"x\", \"roles\": [\"viewer\"]}")
        .problem(403, "forbidden");
    // reading the audit is itself audited, as the reader
    Api.Response audit = api.get("/api/v1/audit?limit=20");
    assertThat(audit.status()).as(audit.text()).isEqualTo(200);

    JsonNode reads = api.get("/api/v1/audit?limit=20").json();
    assertThat(reads.valueStream().filter(a -> a.path("action").asString().equals("read-audit")))
        .extracting(a -> a.path("actor").asString())
        .contains(TestIssuer.USER);
  }

  @Test
  void aTokenWithoutTheUsernameClaimIsAuditedUnderItsSubjectAndOneNamingNobodyIsRefused() {
    Instant now = Instant.now();
    JwtClaimsSet nameless =
        JwtClaimsSet.builder()
            .issuer(issuer.url())
            .subject("svc-nameless")
            .issuedAt(now)
            .expiresAt(now.plus(Duration.ofMinutes(5)))
            .claim("roles", List.of("auditor"))
            .build();
    Api api = new Api(port, issuer.sign(nameless));

    Api.Response audit = api.get("/api/v1/audit?limit=20");
    assertThat(audit.status()).as(audit.text()).isEqualTo(200);

    assertThat(api.get("/api/v1/audit?limit=20").json().findValuesAsString("actor"))
        .contains("svc-nameless");
    JwtClaimsSet nobody =
        JwtClaimsSet.builder()
            .issuer(issuer.url())
            .issuedAt(now)
            .expiresAt(now.plus(Duration.ofMinutes(5)))
            .claim("roles", List.of("auditor"))
            .build();
    new Api(port, issuer.sign(nobody)).get("/api/v1/audit").problem(401, "unauthenticated");
  }

  @Test
  void aTokenSignedByAKeyTheIssuerNeverPublishedIsRefusedThoughItsClaimsAreRight()
      throws Exception {
    Instant now = Instant.now();
    Instant later = now.plus(Duration.ofMinutes(5));
    // the same claims signed with the issuer's own key pass: only the key differs below
    assertThat(new Api(port, issuer.sign(claims(now, later))).get("/api/v1/studies").status())
        .isEqualTo(200);

    String forged = forge(now, later, issuerKeyId());

    new Api(port, forged).get("/api/v1/studies").problem(401, "unauthenticated");
  }

  @Test
  void anExpiredOrGarbledTokenIsRefused() {
    Instant then = Instant.now().minus(Duration.ofHours(2));
    String expired = issuer.sign(claims(then, then.plus(Duration.ofMinutes(5))));

    new Api(port, expired).get("/api/v1/studies").problem(401, "unauthenticated");
    new Api(port, "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2lnbmF0dXJl")
        .get("/api/v1/studies")
        .problem(401, "unauthenticated");
  }

  @Test
  void aTokenNamingNoRadflowRoleIsAuthenticatedButMayCallNothingRoleGuarded() {
    Api stranger = new Api(port, issuer.clientToken(TestIssuer.STRANGER_CLIENT));

    // signed in: a page for anyone signed in answers, where an anonymous caller gets 401
    assertThat(stranger.get("/api/v1").status()).isEqualTo(302);
    new Api(port).get("/api/v1").problem(401, "unauthenticated");
    stranger.get("/api/v1/studies").problem(403, "forbidden");
    stranger.get("/api/v1/audit").problem(403, "forbidden");
    stranger.get("/api/v1/tokens").problem(403, "forbidden");
    stranger
        .post("/api/v1/studies", Bodies.openStudy(Bodies.uniqueAuthority(), "OIDC-1", "P1"))
        .problem(403, "forbidden");
    stranger
        .post("/api/v1/services/identity/release", "{\"reason\": \"oidc test\"}")
        .problem(403, "forbidden");
    stranger.get("/actuator/prometheus").problem(403, "forbidden");
  }

  @Test
  void aPersonSignsInToTheConsoleThroughTheIssuersLoginPageWithTheRolesOfItsClaim() {
    Browser browser = new Browser();
    URI radflow = URI.create("http://127.0.0.1:" + port);
    URI docs = radflow.resolve("/api/v1/openapi");
    assertThat(browser.get(docs, "application/json").statusCode()).isEqualTo(401);
    // whom radflow signed in, as Spring Security announces it: no endpoint shows a session's roles
    List<Authentication> signIns = new CopyOnWriteArrayList<>();
    ApplicationListener<ApplicationEvent> listener =
        event -> {
          if (event instanceof AuthenticationSuccessEvent success) {
            signIns.add(success.getAuthentication());
          }
        };
    context.addApplicationListener(listener);
    try {
      signIn(browser, radflow);
    } finally {
      context.removeApplicationListener(listener);
    }

    HttpResponse<String> signedInDocs = browser.get(docs, "application/json");
    assertThat(signedInDocs.statusCode()).as(signedInDocs.body()).isEqualTo(200);
    assertThat(signedInDocs.body()).contains("\"openapi\"");
    assertThat(signIns)
        .filteredOn(signedIn -> signedIn.getPrincipal() instanceof OidcUser)
        .singleElement()
        .satisfies(
            person -> {
              assertThat(person.getName()).isEqualTo(TestIssuer.USER);
              assertThat(person.getAuthorities())
                  .extracting(GrantedAuthority::getAuthority)
                  .containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_AUDITOR");
            });
  }

  /** The authorization-code flow, hop by hop, from radflow to the issuer's login page and back. */
  private static void signIn(Browser browser, URI radflow) {
    HttpResponse<String> toIssuer =
        browser.get(radflow.resolve("/oauth2/authorization/oidc"), "text/html");
    assertThat(toIssuer.statusCode()).isEqualTo(302);
    URI authorize = Browser.location(toIssuer);
    assertThat(authorize.toString()).startsWith(issuer.url() + "/oauth2/authorize");

    HttpResponse<String> toLogin = browser.get(authorize, "text/html");
    assertThat(toLogin.statusCode()).as(toLogin.body()).isEqualTo(302);
    HttpResponse<String> loginPage = browser.get(Browser.location(toLogin), "text/html");
    assertThat(loginPage.statusCode()).isEqualTo(200);

    HttpResponse<String> signedIn =
        browser.postForm(
            URI.create(issuer.url() + "/login"),
            Map.of(
                "username", TestIssuer.USER,
                "password", TestIssuer.PASSWORD,
                "_csrf", csrfToken(loginPage.body())));
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
    HttpResponse<String> authorized = browser.get(Browser.location(signedIn), "text/html");
    assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
    URI callback = Browser.location(authorized);
    assertThat(callback.toString())
        .startsWith(radflow + "/login/oauth2/code/oidc?")
        .contains("code=");

    HttpResponse<String> home = browser.get(callback, "text/html");
    assertThat(home.statusCode()).as(home.body()).isEqualTo(302);
    assertThat(Browser.location(home).toString())
        .startsWith(radflow.toString())
        .doesNotContain("error");
  }

  /** What the API client's tokens say, valid from {@code from} until {@code until}. */
  private static JwtClaimsSet claims(Instant from, Instant until) {
    return JwtClaimsSet.builder()
        .issuer(issuer.url())
        .subject(TestIssuer.API_CLIENT)
        .issuedAt(from)
        .notBefore(from)
        .expiresAt(until)
        .claim("preferred_username", TestIssuer.USER)
        .claim("roles", TestIssuer.ROLES.get(TestIssuer.API_CLIENT))
        .build();
  }

  /** The same claims signed by a key of our own, under the id of the issuer's published key. */
  private static String forge(Instant from, Instant until, String keyId) throws JOSEException {
    RSAKey foreign = new RSAKeyGenerator(2048).keyID(keyId).generate();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer.url())
            .subject(TestIssuer.API_CLIENT)
            .issueTime(Date.from(from))
            .notBeforeTime(Date.from(from))
            .expirationTime(Date.from(until))
            .claim("preferred_username", TestIssuer.USER)
            .claim("roles", TestIssuer.ROLES.get(TestIssuer.API_CLIENT))
            .build();
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
    jwt.sign(new RSASSASigner(foreign));
    return jwt.serialize();
  }

  private static String issuerKeyId() {
    JsonNode keys = new Api(issuer.port()).get("/oauth2/jwks").json().path("keys");
    assertThat(keys.size()).isEqualTo(1);
    return keys.get(0).path("kid").asString();
  }

  private static String csrfToken(String page) {
    Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as(page).isTrue();
    return token.group(1);
  }
}
