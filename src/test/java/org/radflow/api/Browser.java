package org.radflow.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser driven by hand: it follows no redirect by itself, so a test sees every hop, and it
 * keeps cookies per server (host and port). {@link java.net.CookieManager} would not do: cookies
 * ignore ports, and radflow and the issuer both answer on 127.0.0.1, each with its own session.
 */
public final class Browser {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final Map<String, Map<String, String>> cookies = new HashMap<>();

  public HttpResponse<String> get(URI uri, String accept) {
    return send(HttpRequest.newBuilder(uri).header("Accept", accept).GET(), uri);
  }

  /** Posts a form, as a sign-in page does. */
  public HttpResponse<String> postForm(URI uri, Map<String, String> fields) {
    return postForm(uri, List.copyOf(fields.entrySet()));
  }

  /** Posts a form whose fields may repeat, as checkboxes of one name do. */
  public HttpResponse<String> postForm(URI uri, List<Map.Entry<String, String>> fields) {
    String form =
        fields.stream()
            .map(f -> encode(f.getKey()) + "=" + encode(f.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(form)),
        uri);
  }

  /** Where a redirect sends the browser, resolved against the page that sent it. */
  public static URI location(HttpResponse<?> response) {
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new AssertionError(
                        response.uri() + " answered " + response.statusCode() + ", no redirect"));
    return response.uri().resolve(location);
  }

  private HttpResponse<String> send(HttpRequest.Builder builder, URI uri) {
    Map<String, String> jar = cookies.computeIfAbsent(origin(uri), o -> new LinkedHashMap<>());
    if (!jar.isEmpty()) {
      builder.header(
          "Cookie",
          jar.entrySet().stream()
              .map(c -> c.getKey() + "=" + c.getValue())
              .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(
              builder.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      for (String set : response.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int equals = pair.indexOf('=');
        jar.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
      }
      return response;
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String origin(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
