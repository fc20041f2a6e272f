package org.radflow.ports;

/** The billing system: a charge per study, a claim per charge, then payment. */
public interface BillingPort {

  /** Done with the charge id as {@code externalRef}. */
  PortOutcome seedCharge(CallContext context, String accession, String patientId, String procedure);

  /** Done with the claim id as {@code externalRef}. */
  PortOutcome submitClaim(CallContext context, String chargeId);

  /**
   * Done with the claim id and {@code data.status} {@code PENDING}, {@code ACCEPTED} or {@code
   * REJECTED}, plus {@code data.reason} when rejected.
   */
  PortOutcome claimStatus(CallContext context, String claimId);

  /** Done with the claim id and {@code data.paid}, the amount paid; only for accepted claims. */
  PortOutcome reconcile(CallContext context, String claimId);

  /** Undoes {@link #seedCharge}; Done with the charge id, also when it was reversed already. */
  PortOutcome reverseCharge(CallContext context, String chargeId);
}
