package org.radflow.ports;

import static org.radflow.ports.JsonHttp.segment;

import java.util.Map;

/** {@link BillingPort} over the billing system's {@code /charges} and {@code /claims}. */
final class HttpBillingPort implements BillingPort {

  private final JsonHttp http;

  HttpBillingPort(JsonHttp http) {
    this.http = http;
  }

  @Override
  public PortOutcome seedCharge(
      CallContext context, String accession, String patientId, String procedure) {
    return http.post(
        context,
        "/charges",
        Map.of("accession", accession, "patientId", patientId, "procedure", procedure));
  }

  @Override
  public PortOutcome submitClaim(CallContext context, String chargeId) {
    return http.post(context, "/claims", Map.of("chargeId", chargeId));
  }

  @Override
  public PortOutcome claimStatus(CallContext context, String claimId) {
    return http.get(context, "/claims/" + segment(claimId));
  }

  @Override
  public PortOutcome reconcile(CallContext context, String claimId) {
    return http.post(context, "/claims/" + segment(claimId) + "/reconcile", Map.of());
  }

  @Override
  public PortOutcome reverseCharge(CallContext context, String chargeId) {
    return http.post(context, "/charges/" + segment(chargeId) + "/reverse", Map.of());
  }
}
