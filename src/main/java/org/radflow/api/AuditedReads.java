package org.radflow.api;

import java.security.Principal;
import java.time.Clock;
import org.radflow.audit.AuditTrail;
import org.radflow.audit.OperatorAction;
import org.springframework.stereotype.Component;

/**
 * Reads of patient data and of the audit itself, recorded in the audit before they are answered:
 * who read, what, and when. A read that cannot be audited is not answered.
 */
@Component
public final class AuditedReads {

  private final AuditTrail audit;
  private final Clock clock;

  AuditedReads(AuditTrail audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /** Records that {@code caller} read {@code target} ({@code action}, e.g. read-audit) and why. */
  public void record(Principal caller, String action, String target, String why) {
    audit.record(
        new OperatorAction(
            0, clock.instant(), caller.getName(), action, target, null, why, "READ"));
  }
}
