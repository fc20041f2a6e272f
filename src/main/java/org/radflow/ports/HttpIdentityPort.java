package org.radflow.ports;

import java.util.Map;

/** {@link IdentityPort} over the identity service's {@code POST /patients/lookup}. */
final class HttpIdentityPort implements IdentityPort {

  private final JsonHttp http;

  HttpIdentityPort(JsonHttp http) {
    this.http = http;
  }

  @Override
  public PortOutcome lookup(CallContext context, String patientAuthority, String patientId) {
    return http.post(
        context, "/patients/lookup", Map.of("authority", patientAuthority, "patientId", patientId));
  }
}
