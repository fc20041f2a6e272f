package org.radflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radflow.access.Role;
import org.radflow.access.Users;
import org.radflow.api.Browser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's door: a browser is sent to the sign-in page, signs in with a password, reads the
 * overview, and signs out; a form without its CSRF token is refused with a page that says so.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"radflow.orchestration.enabled=false", "radflow.mllp.port=0"})
class ConsoleSignInTest {

  private static final String PASSWORD = "correct horse battery staple";

  @TempDir static Path home;

  @DynamicPropertySource
  static void radflow(DynamicPropertyRegistry registry) {
    registry.add("radflow.home", () -> home.toString());
  }

  @LocalServerPort int port;
  @Autowired Users users;

  @Test
  void aBrowserIsSentToSignInAndAProgramIsToldItIsUnauthenticated() {
    Browser browser = new Browser();
    HttpResponse<String> page = browser.get(uri("/console/studies"), "text/html");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(Browser.location(page).getPath()).isEqualTo("/login");
    HttpResponse<String> signIn = browser.get(Browser.location(page), "text/html");
    assertThat(signIn.body())
        .contains("<label for=\"username\">Username</label>")
        .contains("<label for=\"password\">Password</label>")
        .contains("name=\"_csrf\"")
        .doesNotContain("oauth2/authorization"); // no issuer configured here
    HttpResponse<String> program = browser.get(uri("/console"), "application/json");
    assertThat(program.statusCode()).isEqualTo(401);
    assertThat(program.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void aWrongPasswordIsSaidOnTheSignInPage() {
    users.create("wrong.password", Set.of(Role.VIEWER), PASSWORD, "test");
    Browser browser = new Browser();
    HttpResponse<String> form = browser.get(uri("/login"), "text/html");
    HttpResponse<String> refused =
        browser.postForm(
            uri("/login"),
            Map.of("username", "wrong.password", "password", "not it", "_csrf", csrf(form.body())));
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(Browser.location(refused).toString()).endsWith("/login?error");
    assertThat(browser.get(Browser.location(refused), "text/html").body())
        .contains("Wrong username or password");
  }

  @Test
  void aPersonSignsInReadsTheOverviewAndSignsOut() {
    users.create("j.smith", Set.of(Role.VIEWER), PASSWORD, "test");
    ConsoleSession session = ConsoleSession.signIn(port, "j.smith", PASSWORD);

    String overview = session.html("/console");
    assertThat(overview)
        .contains("<title>Overview · radflow</title>")
        .contains("Exception lane")
        .contains("national health record")
        .contains("j.smith")
        .contains("(viewer)")
        .contains("hx-get=\"/console/overview/live\"")
        .contains("By end-to-end status")
        .contains("By track state")
        .contains("id=\"status-chart\"")
        .contains("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    assertThat(session.html("/console/overview/charts"))
        .doesNotContain("<html")
        .contains("id=\"latency-chart\"");
    assertThat(session.html("/console/overview/live"))
        .doesNotContain("<html")
        .contains("id=\"live\"");

    // the API's docs are pages for the same signed-in person
    HttpResponse<String> docs = session.page("/api/v1/docs");
    assertThat(docs.statusCode()).isEqualTo(302);
    String swagger = Browser.location(docs).getPath();
    assertThat(session.page(swagger).statusCode()).as(swagger).isEqualTo(200);

    HttpResponse<String> out = session.post("/logout", Map.of());
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(Browser.location(out).toString()).endsWith("/login?signedOut");
    HttpResponse<String> after = session.page("/console");
    assertThat(after.statusCode()).isEqualTo(302);
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefusedWithAPage() {
    users.create("no.token", Set.of(Role.VIEWER, Role.OPERATOR), PASSWORD, "test");
    Browser browser = new Browser();
    HttpResponse<String> form = browser.get(uri("/login"), "text/html");
    HttpResponse<String> signedIn =
        browser.postForm(
            uri("/login"),
            Map.of("username", "no.token", "password", PASSWORD, "_csrf", csrf(form.body())));
    assertThat(Browser.location(signedIn).getPath()).isEqualTo("/console");

    // the session cookie goes with it, as a browser sends it with another site's form; no token
    HttpResponse<String> forged = browser.postForm(uri("/logout"), Map.of());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("Not allowed");
    assertThat(browser.get(uri("/console"), "text/html").statusCode())
        .as("still signed in: the forged sign-out did nothing")
        .isEqualTo(200);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String csrf(String page) {
    java.util.regex.Matcher token =
        java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).isTrue();
    return token.group(1);
  }
}
