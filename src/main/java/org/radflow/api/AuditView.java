package org.radflow.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.radflow.audit.OperatorAction;

/** One audited operator action: who did what to what, when, why, and what came of it. */
@Schema(name = "OperatorAction")
public record AuditView(
    long id,
    Instant at,
    String actor,
    String action,
    String target,
    String studyId,
    String reason,
    String outcome) {

  static AuditView of(OperatorAction a) {
    return new AuditView(
        a.id(),
        a.at(),
        a.actor(),
        a.action(),
        a.target(),
        a.study() == null ? null : a.study().toString(),
        a.reason(),
        a.outcome());
  }
}
