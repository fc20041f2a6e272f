package org.radflow.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.radflow.workflow.Service;
import tools.jackson.databind.JsonNode;

/**
 * The control API ({@link ControlServer}) as seen from another process: faults and claim verdicts
 * set and services found over HTTP, as a test or a benchmark drives simulators it did not start in
 * its own JVM.
 */
public final class ControlClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI controlUrl;
  private final HttpClient http;

  public ControlClient(URI controlUrl) {
    this.controlUrl = controlUrl;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  public URI controlUrl() {
    return controlUrl;
  }

  /** True once {@code GET /health} answers 200; false while nothing listens or it answers else. */
  public boolean healthy() {
    try {
      return send("GET", "/health", null).statusCode() == 200;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /** Every simulator's base URL, from {@code GET /services}. */
  public Map<Service, URI> services() {
    JsonNode bySlug = Exchanges.JSON.readTree(expectOk(send("GET", "/services", null)));
    Map<Service, URI> urls = new EnumMap<>(Service.class);
    bySlug
        .properties()
        .forEach(e -> urls.put(Service.fromSlug(e.getKey()), URI.create(e.getValue().asString())));
    return urls;
  }

  /** Sets {@code service}'s fault ({@code POST /faults/{slug}}); throws when it is refused. */
  public void fault(Service service, Fault fault) {
    expectOk(send("POST", "/faults/" + service.slug(), Exchanges.JSON.writeValueAsString(fault)));
  }

  /** What {@code service} holds and was asked ({@code GET /state/{slug}}), as JSON. */
  public JsonNode state(Service service) {
    return Exchanges.JSON.readTree(expectOk(send("GET", "/state/" + service.slug(), null)));
  }

  /**
   * Tells the HI Service what it holds for a local record ({@code PUT /identity/patients}): its IHI
   * and the IHI's number and record status ({@code ACTIVE}, {@code VERIFIED}, …).
   */
  public void registerPatient(
      String authority, String patientId, String ihi, String numberStatus, String recordStatus) {
    Map<String, Object> patient =
        Map.of(
            "authority", authority,
            "patientId", patientId,
            "ihi", ihi,
            "numberStatus", numberStatus,
            "recordStatus", recordStatus);
    expectOk(
        send(
            "PUT",
            "/identity/patients",
            Exchanges.JSON.writeValueAsString(Map.of("patients", java.util.List.of(patient)))));
  }

  /** The local records the HI Service cannot find, replacing the last list given. */
  public void unknownPatients(java.util.Collection<String> patientIds) {
    expectOk(
        send(
            "PUT",
            "/identity/unknown-patients",
            Exchanges.JSON.writeValueAsString(Map.of("patientIds", patientIds))));
  }

  /**
   * Sets the payer's verdict on the claim for {@code accession}'s charge ({@code PUT
   * /billing/accessions/{accession}/verdict}), whether or not the claim exists yet; throws when it
   * is refused.
   */
  public void claimVerdict(String accession, ClaimVerdict verdict) {
    String path =
        "/billing/accessions/" + URLEncoder.encode(accession, StandardCharsets.UTF_8) + "/verdict";
    expectOk(send("PUT", path, Exchanges.JSON.writeValueAsString(verdict)));
  }

  private HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(controlUrl.resolve(path))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("control API at " + controlUrl + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling the control API", e);
    }
  }

  private static String expectOk(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "control API answered "
              + response.statusCode()
              + " to "
              + response.request().method()
              + " "
              + response.uri()
              + ": "
              + response.body());
    }
    return response.body();
  }
}
