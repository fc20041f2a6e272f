package org.radflow.ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@link HealthProbe} by {@code GET /health}: healthy means 2xx within the timeout. */
final class HttpHealthProbe implements HealthProbe {

  private final HttpClient client;
  private final URI health;

  HttpHealthProbe(HttpClient client, URI baseUrl) {
    this.client = client;
    this.health = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/health");
  }

  @Override
  public boolean healthy(Duration timeout) {
    HttpRequest request = HttpRequest.newBuilder(health).timeout(timeout).GET().build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status >= 200 && status < 300;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
