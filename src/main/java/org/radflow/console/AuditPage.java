package org.radflow.console;

import java.security.Principal;
import org.radflow.api.Allowed;
import org.radflow.api.AuditedReads;
import org.radflow.audit.AuditTrail;
import org.radflow.study.StudyId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit trail, newest first, for an auditor: who did what to what, when, why and with what
 * outcome. Reading it is itself audited, as the API's read is. It filters by study; the actor,
 * action and time filters join the form once {@code AuditTrail} can query by them.
 */
@Controller
class AuditPage {

  static final int SHOWN = 50;

  private final AuditTrail audit;
  private final AuditedReads reads;

  AuditPage(AuditTrail audit, AuditedReads reads) {
    this.audit = audit;
    this.reads = reads;
  }

  @Allowed.Auditor
  @GetMapping("/console/audit")
  String audit(@RequestParam(required = false) String study, Principal caller, Model model) {
    StudyId of = study == null || study.isBlank() ? null : studyId(study.strip());
    reads.record(
        caller, "read-audit", of == null ? "all studies" : "study " + of, "read the audit");
    model.addAttribute("study", of == null ? "" : of.toString());
    model.addAttribute("actions", audit.actions(of, SHOWN));
    model.addAttribute("shown", SHOWN);
    return "console/audit";
  }

  private static StudyId studyId(String text) {
    try {
      return StudyId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ErrorResponseException(
          HttpStatus.BAD_REQUEST,
          ProblemDetail.forStatusAndDetail(
              HttpStatus.BAD_REQUEST,
              e.getMessage() + "; study ids look like 3f2b6c1e-8a4d-4f5e-9b7a-2c1d0e9f8a7b"),
          e);
    }
  }
}
