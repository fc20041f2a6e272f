package org.radflow.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.radflow.api.Allowed;
import org.radflow.api.AuditSearch;
import org.radflow.api.AuditedReads;
import org.radflow.audit.AuditQuery;
import org.radflow.audit.AuditTrail;
import org.radflow.audit.OperatorAction;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit trail, newest first, for an auditor: who did what to what, when, why and with what
 * outcome, filtered by study, actor, action and a time window, fifty a page. Pages continue by the
 * last id shown, so actions recorded meanwhile do not shift them. The filters are checked by the
 * API's own {@link AuditSearch}; a refusal is said above the form, which keeps what was typed.
 * Reading the trail is itself audited, with the filters, as the API's read is.
 */
@Controller
class AuditPage {

  static final int SHOWN = 50;

  /** The audit's target column is this wide; the filters of a read are cut to fit it. */
  static final int TARGET_WIDTH = 200;

  private final AuditTrail audit;
  private final AuditedReads reads;

  AuditPage(AuditTrail audit, AuditedReads reads) {
    this.audit = audit;
    this.reads = reads;
  }

  /**
   * What was asked, as typed, so the form and the "Older" link keep it. {@code from} and {@code to}
   * are what an HTML {@code datetime-local} input sends, read as UTC.
   */
  record Filters(String study, String actor, String action, String from, String to) {

    Map<String, String> asParameters() {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put("study", study);
      parameters.put("actor", actor);
      parameters.put("action", action);
      parameters.put("from", from);
      parameters.put("to", to);
      parameters.values().removeIf(v -> v == null || v.isBlank());
      return parameters;
    }
  }

  @Allowed.Auditor
  @GetMapping("/console/audit")
  String audit(
      @RequestParam(required = false) String study,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String before,
      Principal caller,
      Model model) {
    Filters filters = new Filters(study, actor, action, from, to);
    model.addAttribute("filters", filters);
    model.addAttribute("actionNames", audit.actionNames(AuditTrail.MAX_ACTION_NAMES));
    model.addAttribute("shown", SHOWN);
    model.addAttribute("actions", List.of());
    try {
      AuditQuery query =
          AuditSearch.query(
              study,
              actor,
              action,
              utc("from", from),
              utc("to", to),
              before(before),
              // one more than shown says whether an older page exists
              SHOWN + 1);
      reads.record(caller, "read-audit", target(query), "read the audit");
      List<OperatorAction> found = audit.actions(query);
      List<OperatorAction> actions = found.subList(0, Math.min(SHOWN, found.size()));
      model.addAttribute("actions", actions);
      if (query.beforeId() != null) {
        model.addAttribute("newest", link(filters, null));
      }
      if (found.size() > SHOWN) {
        model.addAttribute("older", link(filters, actions.get(SHOWN - 1).id()));
      }
    } catch (ErrorResponseException refused) {
      model.addAttribute("refusal", refused.getBody().getDetail());
    }
    return "console/audit";
  }

  /** A {@code datetime-local} value (minutes, seconds or fractions) as a UTC instant. */
  static Instant utc(String parameter, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw refused(
          parameter + " must be a UTC date and time such as 2026-03-01T09:30, was '" + text + "'");
    }
  }

  private static Long before(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw refused("before must be the id of an audited action, was '" + text + "'");
    }
  }

  /** What was read, as the audit of the read records it: the study (or all) and each filter. */
  static String target(AuditQuery query) {
    StringJoiner target = new StringJoiner("; ");
    target.add(query.study() == null ? "all studies" : "study " + query.study());
    if (query.actor() != null) {
      target.add("actor " + query.actor());
    }
    if (query.action() != null) {
      target.add("action " + query.action());
    }
    if (query.from() != null) {
      target.add("from " + query.from());
    }
    if (query.to() != null) {
      target.add("to " + query.to());
    }
    if (query.beforeId() != null) {
      target.add("before " + query.beforeId());
    }
    String text = target.toString();
    return text.length() <= TARGET_WIDTH ? text : text.substring(0, TARGET_WIDTH - 1) + "…";
  }

  /** The page of the same filters with actions older than {@code before}, or the newest. */
  private static String link(Filters filters, Long before) {
    Map<String, String> parameters = filters.asParameters();
    if (before != null) {
      parameters.put("before", before.toString());
    }
    StringJoiner query =
        new StringJoiner("&", "/console/audit?", "").setEmptyValue("/console/audit");
    parameters.forEach(
        (name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return query.toString();
  }

  private static ErrorResponseException refused(String detail) {
    return new ErrorResponseException(
        HttpStatus.BAD_REQUEST,
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail),
        null);
  }
}
