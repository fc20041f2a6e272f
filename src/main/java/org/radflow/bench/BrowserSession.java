package org.radflow.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser sends, without the browser: a session cookie from the sign-in form, and pages
 * asked for as HTML. Redirects are not followed, so a page that sends the caller elsewhere shows
 * its own status instead of the one it sends them to.
 */
final class BrowserSession {

  private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
  private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

  /** One page as it was answered. */
  record Answer(int status, int bytes, String location) {}

  private final URI base;
  private final HttpClient http;

  private BrowserSession(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /**
   * Signs in through the form at {@code /login}: reads the session cookie and the CSRF token from
   * the form, then posts username, password and token.
   *
   * @throws IllegalStateException when the form has no token or refuses the credentials
   */
  static BrowserSession signIn(URI base, String user, String password)
      throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    BrowserSession session = new BrowserSession(base, http);
    String form = session.html("/login");
    Matcher input = CSRF_INPUT.matcher(form);
    Matcher token = input.find() ? VALUE.matcher(input.group()) : null;
    if (token == null || !token.find()) {
      throw new IllegalStateException("the sign-in form at " + base + "/login has no _csrf input");
    }
    String body =
        "username="
            + encode(user)
            + "&password="
            + encode(password)
            + "&_csrf="
            + encode(token.group(1));
    HttpResponse<Void> signedIn =
        http.send(
            HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    String location = signedIn.headers().firstValue("Location").orElse("");
    if (signedIn.statusCode() != 302 || location.contains("/login")) {
      throw new IllegalStateException(
          "sign-in as " + user + " was answered " + signedIn.statusCode() + " " + location);
    }
    return session;
  }

  /** GETs {@code path} as a browser would (Accept: text/html) with the session's cookie. */
  Answer get(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(page(path), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(
        response.statusCode(),
        response.body().length,
        response.headers().firstValue("Location").orElse(null));
  }

  private String html(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(page(path), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " was answered " + response.statusCode());
    }
    return response.body();
  }

  private HttpRequest page(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Accept", "text/html,application/xhtml+xml")
        .timeout(Duration.ofSeconds(30))
        .GET()
        .build();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
