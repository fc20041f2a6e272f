package org.radflow.ports;

import static org.radflow.ports.JsonHttp.segment;

import java.util.Map;

/** {@link WorklistPort} over the modality worklist's {@code /entries} resource. */
final class HttpWorklistPort implements WorklistPort {

  private final JsonHttp http;

  HttpWorklistPort(JsonHttp http) {
    this.http = http;
  }

  @Override
  public PortOutcome createEntry(
      CallContext context, String accession, String patientId, String procedure) {
    return http.post(
        context,
        "/entries",
        Map.of("accession", accession, "patientId", patientId, "procedure", procedure));
  }

  @Override
  public PortOutcome removeEntry(CallContext context, String entryId) {
    return http.post(context, "/entries/" + segment(entryId) + "/remove", Map.of());
  }
}
