package org.radflow.ports;

/** {@link IdentityPort} over the HI Service's {@code POST /patients/lookup}. */
final class HttpIdentityPort implements IdentityPort {

  private final JsonHttp http;

  HttpIdentityPort(JsonHttp http) {
    this.http = http;
  }

  @Override
  public PortOutcome lookup(CallContext context, byte[] searchRequest) {
    return http.post(context, "/patients/lookup", searchRequest);
  }
}
