package org.radflow.ports;

import static org.radflow.ports.JsonHttp.segment;

import java.util.Map;

/** {@link SchedulingPort} over the scheduling system's {@code /slots} resource. */
final class HttpSchedulingPort implements SchedulingPort {

  private final JsonHttp http;

  HttpSchedulingPort(JsonHttp http) {
    this.http = http;
  }

  @Override
  public PortOutcome reserveSlot(
      CallContext context, String accession, String patientId, String procedure) {
    return http.post(
        context,
        "/slots",
        Map.of("accession", accession, "patientId", patientId, "procedure", procedure));
  }

  @Override
  public PortOutcome releaseSlot(CallContext context, String slotId) {
    return http.post(context, "/slots/" + segment(slotId) + "/release", Map.of());
  }
}
