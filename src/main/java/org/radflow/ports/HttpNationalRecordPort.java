package org.radflow.ports;

import static org.radflow.ports.JsonHttp.segment;

import java.util.Map;

/** {@link NationalRecordPort} over the national record's {@code /documents} resource. */
final class HttpNationalRecordPort implements NationalRecordPort {

  private final JsonHttp http;

  HttpNationalRecordPort(JsonHttp http) {
    this.http = http;
  }

  @Override
  public PortOutcome publish(
      CallContext context, String accession, String patientId, String reportRef) {
    return http.post(
        context,
        "/documents",
        Map.of("accession", accession, "patientId", patientId, "reportRef", reportRef));
  }

  @Override
  public PortOutcome supersede(CallContext context, String documentId, String reportRef) {
    return http.post(
        context,
        "/documents/" + segment(documentId) + "/supersede",
        Map.of("reportRef", reportRef));
  }

  @Override
  public PortOutcome remove(CallContext context, String documentId) {
    return http.post(context, "/documents/" + segment(documentId) + "/remove", Map.of());
  }
}
