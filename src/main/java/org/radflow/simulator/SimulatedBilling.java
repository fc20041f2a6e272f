package org.radflow.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.radflow.workflow.Service;

/**
 * The billing system.
 *
 * <ul>
 *   <li>{@code POST /charges {"accession", "patientId", "procedure"}}: seeds a charge ({@code
 *       OPEN}, amount {@value #CHARGE_AMOUNT}).
 *   <li>{@code POST /charges/{id}/reverse}: reverses it ({@code REVERSED}).
 *   <li>{@code POST /claims {"chargeId"}}: submits a claim ({@code SUBMITTED}); 404 for an unknown
 *       charge, 409 {@code CHARGE_REVERSED} for a reversed one.
 *   <li>{@code GET /claims/{id}}: the payer's verdict, {@code PENDING}, {@code ACCEPTED} (the
 *       default) or {@code REJECTED} with a reason. A claim's verdict is its own, else the one for
 *       its charge's accession (a driver knows accessions before it knows claim ids), else the one
 *       for all; each can be changed at any time, as a payer reconsiders.
 *   <li>{@code POST /claims/{id}/reconcile}: records payment ({@code RECONCILED}) and answers the
 *       amount paid; 409 {@code CLAIM_NOT_ACCEPTED} unless the verdict is {@code ACCEPTED}.
 * </ul>
 */
public final class SimulatedBilling extends SimulatedSystem {

  static final String CHARGE = "charge";
  static final String CLAIM = "claim";
  static final String CHARGE_AMOUNT = "150.00";

  private volatile ClaimVerdict verdictForAll = ClaimVerdict.accepted();
  private final Map<String, ClaimVerdict> verdicts = new ConcurrentHashMap<>();
  private final Map<String, ClaimVerdict> verdictsByAccession = new ConcurrentHashMap<>();

  @Override
  Service service() {
    return Service.BILLING;
  }

  @Override
  List<Route> routes() {
    return List.of(
        Route.command("POST", "/charges", this::seedCharge),
        Route.command("POST", "/charges/{id}/reverse", call -> undo(call, CHARGE, "REVERSED")),
        Route.command("POST", "/claims", this::submitClaim),
        Route.query("GET", "/claims/{id}", this::claimStatus),
        Route.command("POST", "/claims/{id}/reconcile", this::reconcile));
  }

  /** The payer's verdict on every claim without a verdict of its own. */
  public void verdictForAll(ClaimVerdict verdict) {
    verdictForAll = verdict;
  }

  /** The payer's verdict on one claim. */
  public void verdict(String claimId, ClaimVerdict verdict) {
    verdicts.put(claimId, verdict);
  }

  /** The payer's verdict on the claims for the charge of one accession, unless a claim has one. */
  public void verdictForAccession(String accession, ClaimVerdict verdict) {
    verdictsByAccession.put(accession, verdict);
  }

  private Answer seedCharge(Call call) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String field : List.of("accession", "patientId", "procedure")) {
      attributes.put(field, call.text(field));
    }
    attributes.put("amount", CHARGE_AMOUNT);
    Resource charge = ledger.create(CHARGE, "OPEN", call.idempotencyKey(), attributes);
    return Answer.done(charge.id(), Map.of("status", "OPEN", "amount", CHARGE_AMOUNT));
  }

  private Answer submitClaim(Call call) {
    String chargeId = call.text("chargeId");
    return ledger
        .find(CHARGE, chargeId)
        .map(
            charge -> {
              if (charge.status().equals("REVERSED")) {
                return Answer.refused(
                    409, "CHARGE_REVERSED", "charge " + chargeId + " was reversed");
              }
              Resource claim =
                  ledger.create(
                      CLAIM, "SUBMITTED", call.idempotencyKey(), Map.of("chargeId", chargeId));
              return Answer.done(claim.id(), Map.of("status", "SUBMITTED"));
            })
        .orElseGet(() -> Answer.notFound("charge " + chargeId));
  }

  private Answer claimStatus(Call call) {
    String id = call.param("id");
    return ledger
        .find(CLAIM, id)
        .map(claim -> Answer.done(id, describe(verdictOn(claim))))
        .orElseGet(() -> Answer.notFound("claim " + id));
  }

  private Answer reconcile(Call call) {
    String id = call.param("id");
    return ledger
        .find(CLAIM, id)
        .map(
            claim -> {
              ClaimVerdict verdict = verdictOn(claim);
              if (verdict.status() != ClaimVerdict.Status.ACCEPTED) {
                return Answer.refused(
                    409, "CLAIM_NOT_ACCEPTED", "claim " + id + " is " + verdict.status());
              }
              ledger.setStatus(claim, "RECONCILED");
              String paid =
                  ledger
                      .find(CHARGE, claim.attribute("chargeId"))
                      .orElseThrow()
                      .attribute("amount");
              return Answer.done(id, Map.of("paid", paid));
            })
        .orElseGet(() -> Answer.notFound("claim " + id));
  }

  private ClaimVerdict verdictOn(Resource claim) {
    ClaimVerdict own = verdicts.get(claim.id());
    if (own != null) {
      return own;
    }
    return ledger
        .find(CHARGE, claim.attribute("chargeId"))
        .map(
            charge ->
                verdictsByAccession.getOrDefault(charge.attribute("accession"), verdictForAll))
        .orElse(verdictForAll);
  }

  private static Map<String, String> describe(ClaimVerdict verdict) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("status", verdict.status().name());
    if (verdict.reason() != null) {
      data.put("reason", verdict.reason());
    }
    return data;
  }
}
