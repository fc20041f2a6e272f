package org.radflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radflow.api.Browser;

/**
 * A person signed in to the console over real HTTP, as a browser without JavaScript would be: the
 * session cookie from the sign-in form, and each form posted with the CSRF token of the page it
 * came from. For the console's tests below the browser tests; {@link Chromium} drives the pages.
 */
final class ConsoleSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final Browser browser = new Browser();
  private final URI base;
  private String csrf;

  private ConsoleSession(URI base) {
    this.base = base;
  }

  /** Signs in with the form; fails the test unless radflow sends the person to the console. */
  static ConsoleSession signIn(int port, String username, String password) {
    ConsoleSession session = new ConsoleSession(URI.create("http://127.0.0.1:" + port));
    HttpResponse<String> form = session.browser.get(session.base.resolve("/login"), "text/html");
    assertThat(form.statusCode()).isEqualTo(200);
    HttpResponse<String> signedIn =
        session.browser.postForm(
            session.base.resolve("/login"),
            Map.of("username", username, "password", password, "_csrf", csrfOf(form.body())));
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
    assertThat(Browser.location(signedIn).getPath()).isEqualTo("/console");
    return session;
  }

  /** A page, as HTML; the CSRF token of the page is kept for the next form. */
  HttpResponse<String> page(String path) {
    HttpResponse<String> page = browser.get(base.resolve(path), "text/html");
    Matcher token = CSRF.matcher(page.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return page;
  }

  /** The body of a page that must answer 200. */
  String html(String path) {
    HttpResponse<String> page = page(path);
    assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
    return page.body();
  }

  /**
   * Posts a form with the CSRF token of the last page read, as its submit button would, and follows
   * the redirect back to a page; returns that page (or the refusal, when there is none).
   */
  HttpResponse<String> submit(String path, Map<String, String> fields) {
    Map<String, String> form = new LinkedHashMap<>(fields);
    if (csrf != null) {
      form.put("_csrf", csrf);
    }
    HttpResponse<String> answer = browser.postForm(base.resolve(path), form);
    if (answer.statusCode() == 302) {
      return page(Browser.location(answer).toString());
    }
    return answer;
  }

  /** Posts a form whose fields may repeat (checkboxes of one name) as {@link #submit} does. */
  HttpResponse<String> submitAll(String path, List<Map.Entry<String, String>> fields) {
    List<Map.Entry<String, String>> form = new ArrayList<>(fields);
    if (csrf != null) {
      form.add(Map.entry("_csrf", csrf));
    }
    HttpResponse<String> answer = browser.postForm(base.resolve(path), form);
    if (answer.statusCode() == 302) {
      return page(Browser.location(answer).toString());
    }
    return answer;
  }

  /** Posts a form as {@link #submit} does, but returns the answer itself, unfollowed. */
  HttpResponse<String> post(String path, Map<String, String> fields) {
    Map<String, String> form = new LinkedHashMap<>(fields);
    if (csrf != null) {
      form.put("_csrf", csrf);
    }
    return browser.postForm(base.resolve(path), form);
  }

  private static String csrfOf(String page) {
    Matcher token = CSRF.matcher(page);
    assertThat(token.find()).as(page).isTrue();
    return token.group(1);
  }
}
