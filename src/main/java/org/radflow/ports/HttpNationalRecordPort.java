package org.radflow.ports;

import static org.radflow.ports.JsonHttp.segment;

import java.util.Map;
import org.radflow.national.RemovalReason;

/** {@link NationalRecordPort} over the national record's {@code /documents} resource. */
final class HttpNationalRecordPort implements NationalRecordPort {

  private final JsonHttp http;

  HttpNationalRecordPort(JsonHttp http) {
    this.http = http;
  }

  @Override
  public PortOutcome upload(CallContext context, byte[] documentPackage) {
    return http.post(context, "/documents", documentPackage);
  }

  @Override
  public PortOutcome remove(CallContext context, String documentId, RemovalReason reason) {
    return http.post(
        context, "/documents/" + segment(documentId) + "/remove", Map.of("reason", reason.name()));
  }
}
